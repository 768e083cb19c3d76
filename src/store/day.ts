/**
 * Local calendar day of a time, YYYY-MM-DD: what sealing stores in a record's `day` and what the
 * home screen and the day filter ask for. Its own module so the home screen can use it without
 * loading the sealing code (and zod with it).
 */
export function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
