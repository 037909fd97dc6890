/** A picture's id: the SHA-256 of its file's bytes, hex, cut to 128 bits (ample against collisions). */
export const ID_HEX_LENGTH = 32;

export async function pictureId(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  // crypto.subtle exists only on secure pages (https, localhost).
  if (!subtle) throw new Error('this page is not served securely (https or localhost), so files cannot be hashed');
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const b of digest) hex += b.toString(16).padStart(2, '0');
  return hex.slice(0, ID_HEX_LENGTH);
}
