// Record ids made in the UI, in the core's form (`persona_3fK9x0QmZt2a`: a kind prefix and 12
// random base-62 characters, see src/model/ids.rs). The UI makes an id itself only when a later
// edit of the same undo step must refer to the record the earlier one creates.
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function newId(prefix: string): string {
  // getRandomValues works in every context (randomUUID needs a secure one).
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}_${Array.from(bytes, (b) => ALPHABET[b % 62]).join('')}`;
}
