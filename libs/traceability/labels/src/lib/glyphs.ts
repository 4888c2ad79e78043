/**
 * Text for labels, written as PDF operators with glyphs of an embedded (subset) font.
 *
 * pdfkit's text API lays out and wraps every string through fontkit and caches each distinct word for the life of
 * the document: fine for prose, slow and memory-hungry for 5,000 unique serials. Labels need only single lines of
 * known fonts, so text is encoded a character at a time (pdfkit's own encoder, once per distinct character: that
 * adds the glyph to the font subset and to the ToUnicode map, so the text stays searchable and copyable), and lines
 * are measured from the glyph advances. No kerning or ligatures: irrelevant on 6-point labels.
 * Strings are NFC-normalised first, so every Vietnamese letter is one precomposed glyph of DejaVu Sans.
 */

/** The part of pdfkit's embedded font we use (pdfkit 0.17 `EmbeddedFont`). */
export interface PdfkitFont {
  id: string;
  encode(text: string): [string[], { advanceWidth: number }[]];
  ref(): unknown;
}

interface Glyph {
  hex: string;
  /** Advance in thousandths of the font size. */
  width: number;
}

export interface EncodedLine {
  /** `<…>` operand for Tj. */
  hex: string;
  /** Width at size 1000 (multiply by font size / 1000 for points). */
  width: number;
}

export class GlyphEncoder {
  private readonly glyphs = new Map<string, Glyph>();

  constructor(readonly font: PdfkitFont) {}

  private glyph(ch: string): Glyph {
    let g = this.glyphs.get(ch);
    if (!g) {
      const [hex, positions] = this.font.encode(ch);
      g = { hex: hex.join(''), width: positions.reduce((sum, p) => sum + p.advanceWidth, 0) };
      this.glyphs.set(ch, g);
    }
    return g;
  }

  width(text: string): number {
    let w = 0;
    for (const ch of text) w += this.glyph(ch).width;
    return w;
  }

  line(text: string): EncodedLine {
    let hex = '';
    let width = 0;
    for (const ch of text) {
      const g = this.glyph(ch);
      hex += g.hex;
      width += g.width;
    }
    return { hex: `<${hex}>`, width };
  }

  /**
   * Greedy word wrap into at most `maxLines` lines of `maxWidth` (size-1000 units). Words longer than a line are
   * cut. When text remains after the last line, that line ends with an ellipsis.
   */
  wrap(text: string, maxWidth: number, maxLines: number): string[] {
    const words = cleanText(text).split(' ').filter(Boolean);
    const lines: string[] = [];
    let current = '';
    let i = 0;
    while (i < words.length && lines.length < maxLines) {
      const word = words[i];
      const candidate = current ? `${current} ${word}` : word;
      if (this.width(candidate) <= maxWidth) {
        current = candidate;
        i++;
        continue;
      }
      if (current) {
        lines.push(current);
        current = '';
        continue;
      }
      // A single word wider than the line: cut it where it stops fitting.
      const chars = [...word];
      let n = 1;
      while (n < chars.length && this.width(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
      lines.push(chars.slice(0, n).join(''));
      words[i] = chars.slice(n).join('');
    }
    if (current && lines.length < maxLines) {
      lines.push(current);
      current = '';
    }
    if (i < words.length || current) {
      const last = lines.length - 1;
      if (last >= 0) lines[last] = this.ellipsize(lines[last], maxWidth);
    }
    return lines;
  }

  private ellipsize(line: string, maxWidth: number): string {
    const chars = [...line];
    while (chars.length > 0 && this.width(`${chars.join('').trimEnd()}…`) > maxWidth) chars.pop();
    return `${chars.join('').trimEnd()}…`;
  }
}

/** NFC, control characters and runs of white space as single spaces, trimmed. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ')
    .trim();
}
