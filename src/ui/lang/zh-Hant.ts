import { collectPack } from './collect';

/** Every screen's Traditional Chinese strings: one chunk, loaded only when the language is chosen. */
export default collectPack(
  import.meta.glob<Record<string, string>>(['/src/ui/**/*.zh-Hant.ts', '/src/pwa/*.zh-Hant.ts'], {
    eager: true,
    import: 'default',
  }),
  'zh-Hant',
);
