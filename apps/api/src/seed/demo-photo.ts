import sharp from 'sharp';

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A simple illustrated product photo for the demo (drawn, not downloaded: the machines have no network). */
export async function demoProductPhoto(name: string, colour: string): Promise<Buffer> {
  const words = name.split(' ');
  const lines: string[] = [];
  for (const word of words) {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= 18) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  const text = lines
    .slice(0, 4)
    .map((line, i) => `<text x="400" y="${610 + i * 58}" text-anchor="middle">${escapeXml(line)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800">
    <rect width="800" height="800" fill="#f6f1e4"/>
    <circle cx="400" cy="300" r="210" fill="${colour}"/>
    <path d="M400 130 C 520 210 520 390 400 470 C 280 390 280 210 400 130 Z" fill="#ffffff" fill-opacity="0.35"/>
    <line x1="400" y1="150" x2="400" y2="460" stroke="#ffffff" stroke-opacity="0.5" stroke-width="6"/>
    <g font-family="DejaVu Sans, Noto Sans, sans-serif" font-size="46" font-weight="700" fill="#2b2b2b">${text}</g>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
