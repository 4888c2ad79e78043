import { ANONYMOUS_REVIEWER, reviewerDisplayName } from './reviewer-name';

describe('reviewerDisplayName', () => {
  it('shows the given name and the family initial of a Vietnamese name', () => {
    expect(reviewerDisplayName('Nguyễn Văn An')).toBe('An N.');
    expect(reviewerDisplayName('Đặng Thị Thu Hà')).toBe('Hà Đ.');
    expect(reviewerDisplayName('  lê   minh  ')).toBe('minh L.');
  });

  it('keeps a single word and hides an empty name', () => {
    expect(reviewerDisplayName('Hoa')).toBe('Hoa');
    expect(reviewerDisplayName('   ')).toBe(ANONYMOUS_REVIEWER);
    expect(reviewerDisplayName(null)).toBe(ANONYMOUS_REVIEWER);
  });

  it('never shows more than two words of the name', () => {
    expect(reviewerDisplayName('Trần Thị Mai Phương Anh').split(' ')).toHaveLength(2);
  });
});
