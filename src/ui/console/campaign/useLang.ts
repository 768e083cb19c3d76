import { useContext } from 'preact/hooks';
import { LangContext, type Lang } from '../../i18n';

/** The console's language. */
export const useLang = (): Lang => useContext(LangContext);
