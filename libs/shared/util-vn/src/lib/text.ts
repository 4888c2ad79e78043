/**
 * Vietnamese text folding for search: lower case, diacritics removed, `đ` → `d`, whitespace collapsed.
 * The `vi` ICU collation treats ă/â/ê/ô/ơ/ư/đ as distinct letters, so search runs on a folded copy of the text.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Folded words of a text, in order, without empty strings. */
export function searchTokens(text: string): string[] {
  const folded = foldVietnamese(text);
  return folded ? folded.split(' ') : [];
}
