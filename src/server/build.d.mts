/** Compiles the server, the admin CLI and the verifier into dist-server/server/ (see build.mjs). */
export function buildServer(outdir?: string): Promise<void>;
export const SERVER_ENTRIES: Record<'main' | 'admin' | 'verify', string>;
