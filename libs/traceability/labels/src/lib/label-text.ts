import { GlyphEncoder, cleanText } from './glyphs';
import { LabelGeometry, serialLines } from './label-geometry';
import type { StampLabel } from './stamp-label';

/** One line of text placed on a label: its font, its glyphs as a hex string, and where it starts. */
export interface TextLine {
  font: GlyphEncoder;
  hex: string;
  x: number;
  baseline: number;
}

/**
 * The text of a product/producer/lot combination (the same on every label of a lot): computed once, cached.
 * Side layout: product (bold) and producer lines from the top of the column, lot under them, the serial at the
 * bottom. Stacked: centred lines under the QR: serial, product, producer, lot.
 */
export class LabelTextLayout {
  private readonly cache = new Map<string, TextLine[]>();

  constructor(
    private readonly g: LabelGeometry,
    private readonly sans: GlyphEncoder,
    private readonly bold: GlyphEncoder,
  ) {}

  fixedLines(label: StampLabel): TextLine[] {
    const key = `${label.productName}\u0000${label.producerName}\u0000${label.lotCode ?? ''}`;
    let lines = this.cache.get(key);
    if (!lines) {
      lines = this.g.mode === 'side' ? this.side(label) : this.stacked(label);
      if (this.cache.size >= 256) this.cache.clear();
      this.cache.set(key, lines);
    }
    return lines;
  }

  private get maxWidth(): number {
    return (this.g.text.width * 1000) / this.g.fontSize;
  }

  /** "Lô <code>" (lot), or just the code when the word does not fit beside it. */
  private lot(label: StampLabel): string {
    const lot = label.lotCode ? cleanText(label.lotCode) : '';
    if (!lot) return '';
    return this.sans.width(`Lô ${lot}`) <= this.maxWidth ? `Lô ${lot}` : lot;
  }

  private side(label: StampLabel): TextLine[] {
    const { g } = this;
    const slots = Math.max(0, Math.floor((g.text.bottom - g.text.top) / g.lineHeight + 1e-6) - g.serialLines);
    const product = this.bold.wrap(label.productName, this.maxWidth, 3);
    const producer = this.sans.wrap(label.producerName, this.maxWidth, 3);
    const lot = this.lot(label);
    // Slots in order of importance: first lines of product and producer, the lot, then more lines of each.
    let productLines = 0;
    let producerLines = 0;
    let lotLines = 0;
    let free = slots;
    const take = (want: boolean) => want && free > 0 && free-- > 0;
    if (take(product.length > 0)) productLines++;
    if (take(producer.length > 0)) producerLines++;
    if (take(lot !== '')) lotLines++;
    for (let more = 1; more < 3; more++) {
      if (take(product.length > more)) productLines++;
      if (take(producer.length > more)) producerLines++;
    }
    const out: TextLine[] = [];
    let baseline = g.text.top + g.fontSize * 0.85;
    const push = (font: GlyphEncoder, text: string) => {
      out.push({ font, hex: font.line(text).hex, x: g.text.x, baseline });
      baseline += g.lineHeight;
    };
    for (const line of this.bold.wrap(label.productName, this.maxWidth, productLines)) push(this.bold, line);
    for (const line of this.sans.wrap(label.producerName, this.maxWidth, producerLines)) push(this.sans, line);
    if (lotLines) push(this.sans, this.sans.wrap(lot, this.maxWidth, 1)[0] ?? '');
    return out;
  }

  private stacked(label: StampLabel): TextLine[] {
    const { g } = this;
    const out: TextLine[] = [];
    let baseline = g.text.top + g.fontSize * 0.85 + g.serialLines * g.lineHeight;
    const centred = (font: GlyphEncoder, text: string) => {
      if (!text) return;
      const line = font.line(text);
      out.push({ font, hex: line.hex, x: g.text.x + (g.text.width - (line.width * g.fontSize) / 1000) / 2, baseline });
      baseline += g.lineHeight;
    };
    centred(this.bold, this.bold.wrap(label.productName, this.maxWidth, 1)[0] ?? '');
    centred(this.sans, this.sans.wrap(label.producerName, this.maxWidth, 1)[0] ?? '');
    const lot = this.lot(label);
    if (lot && baseline <= g.text.bottom) centred(this.sans, this.sans.wrap(lot, this.maxWidth, 1)[0] ?? '');
    return out;
  }

  serial(label: StampLabel, mono: GlyphEncoder): TextLine[] {
    const { g } = this;
    const lines = serialLines(label.serial, g.serialCharsPerLine);
    if (g.mode === 'side') {
      // Bottom of the column, last line on the bottom edge (less the descent).
      const last = g.text.bottom - g.fontSize * 0.24;
      return lines.map((text, i) => ({ font: mono, hex: mono.line(text).hex, x: g.text.x, baseline: last - (lines.length - 1 - i) * g.lineHeight }));
    }
    return lines.map((text, i) => {
      const line = mono.line(text);
      const x = g.text.x + (g.text.width - (line.width * g.fontSize) / 1000) / 2;
      return { font: mono, hex: line.hex, x, baseline: g.text.top + g.fontSize * 0.85 + i * g.lineHeight };
    });
  }
}
