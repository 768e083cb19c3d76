/**
 * What the enrollment QR code holds: a link into the tablet app's enroll screen with the server's
 * address and the one-time code, so that one scan fills both fields. The code is also shown in
 * large letters for typing when a camera is not at hand.
 */
export function enrollLink(origin: string, code: string): string {
  const server = origin.replace(/\/+$/, '');
  return `${server}/#/enroll?server=${encodeURIComponent(server)}&code=${encodeURIComponent(code)}`;
}

/** The code in groups of four for reading aloud and typing (the server ignores spaces and dashes). */
export function groupCode(code: string): string {
  const plain = code.replace(/[\s-]/g, '');
  return plain.replace(/(.{4})(?=.)/g, '$1 ');
}
