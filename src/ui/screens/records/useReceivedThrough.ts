import type { PingyiDb } from '../../../store/db';
import { receivedThrough } from '../../../store/received';
import { useLiveQuery } from '../../components/useLiveQuery';

/** The device's received mark, kept current as receipts arrive; undefined until first read. */
export function useReceivedThrough(db: PingyiDb, deviceId: string): number | undefined {
  return useLiveQuery(() => receivedThrough(db, deviceId), [db, deviceId]).value;
}
