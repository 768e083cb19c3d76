import { collectPack } from './collect';

/** Every screen's English strings: one chunk, loaded only when the language is chosen. */
export default collectPack(import.meta.glob<Record<string, string>>(['/src/ui/**/*.en.ts', '/src/pwa/*.en.ts'], { eager: true, import: 'default' }), 'en');
