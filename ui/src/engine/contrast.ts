// Colour as text: the WCAG contrast ratio, and the emotion colours darkened for words. The
// curve's own green and red (engine/canvas/emotion.ts, as the print draws them) are for lines
// and dots; as the colour of a figure such as "+2" on a light panel they fall short of AA
// (3.2:1 and 4.1:1), so words take these shades of the same hues (contrast.test.ts checks them
// on every surface they stand on).

/** Emotion colours for text: above neutral, below, and neutral. */
export const EMOTION_TEXT = {
  good: '#1b7049',
  bad: '#b02f3b',
  neutral: '#5b6672',
} as const;

/** The colour of an emotion value written as text ("+2", "−1"). */
export function emotionTextColour(v: number): string {
  return v > 0 ? EMOTION_TEXT.good : v < 0 ? EMOTION_TEXT.bad : EMOTION_TEXT.neutral;
}

/** Relative luminance of a `#rrggbb` colour (WCAG 2.x). */
export function luminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The contrast ratio of two `#rrggbb` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
