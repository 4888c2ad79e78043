/** How a reviewer is shown when the account has no usable name. */
export const ANONYMOUS_REVIEWER = 'Người mua';

/**
 * A buyer as the public sees it on a review: the given name and the initial of the family name, nothing else.
 * Vietnamese names are written family name first ("Nguyễn Văn An"): the given name is the last word → "An N.".
 * A single word stays as it is; no name at all gives "Người mua".
 */
export function reviewerDisplayName(fullName: string | null | undefined): string {
  const words = (fullName ?? '').normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return ANONYMOUS_REVIEWER;
  const given = words[words.length - 1] as string;
  if (words.length === 1) return given;
  const initial = Array.from(words[0] as string)[0]?.toLocaleUpperCase('vi') ?? '';
  return `${given} ${initial}.`;
}
