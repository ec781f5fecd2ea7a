/**
 * Free text (descriptions, site and department names) as a device can hold it. A platform whose
 * configuration holds only ASCII (catalogue textLimitsOf(platform).nonAscii false) gets the
 * documented ASCII-safe form: every character beyond printable ASCII is written as `\uXXXX`
 * (four hex digits, upper case; astral characters as their UTF-16 pair), so that
 * 财政局 becomes `\u8D22\u653F\u5C40`. A `?` (the CLIs' help key) becomes `\u003F` on every platform,
 * and runs of white space one space: the text is typed on a command line.
 */
export function asciiSafe(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0x20 && c < 0x7f && c !== 0x3f ? text[i] : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** The text as a platform's configuration holds it: as it is where non-ASCII is held, else asciiSafe. */
export function deviceText(text: string, nonAscii: boolean): string {
  const flat = text.replace(/[\t\r\n ]+/g, ' ').trim();
  if (!nonAscii) return asciiSafe(flat);
  return flat.replace(/\?/g, '\\u003F');
}
