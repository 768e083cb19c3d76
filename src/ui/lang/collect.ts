/**
 * Gathers one language's strings from the sibling files of every screen's messages
 * (`<module>.<lang>.ts`, found by `import.meta.glob` from the project root), keyed by the module's path below `src/`,
 * the id its `defineMessages` call names.
 */
export function collectPack(files: Record<string, Record<string, string>>, lang: string): Record<string, Record<string, string>> {
  const pack: Record<string, Record<string, string>> = {};
  for (const [path, strings] of Object.entries(files)) {
    const id = path.replace(/^\/src\//, '').replace(new RegExp(`\\.${lang}\\.ts$`), '');
    pack[id] = strings;
  }
  return pack;
}
