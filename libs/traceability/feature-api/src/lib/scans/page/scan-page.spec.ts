import type { TraceRecord } from '@nss/contracts';
import { escapeHtml, html } from './html';
import { renderNotFoundPage, renderRefusalPage, renderScanPage } from './scan-page';
import { langOf } from './texts';

const RULES = { maxScans: 50, maxKm: 100, windowHours: 24 };

function aRecord(overrides: Partial<TraceRecord> = {}): TraceRecord {
  return {
    serial: '7FF2MJWYUHMTR9',
    traceCode: '(10)CHE-1(21)7FF2MJWYUHMTR9',
    scanId: '0123456789abcdef01234567',
    verdict: { kind: 'genuine_first', reasons: [], scanCount: 1, firstScanAt: '2026-12-01T03:00:00.000Z' },
    product: { name: 'Chè <script>alert(1)</script>', gtin: null, photoUrl: null, ocopStars: null, certifications: [] },
    producer: { name: 'HTX "Chè" & Co', communeName: 'Xã Tân Cương', provinceName: 'Thái Nguyên' },
    lot: { code: 'CHE-1', producedOn: '2026-05-22', expiresOn: null, shelfLifeDays: null, standards: [], communeName: 'Xã Tân Cương', provinceName: 'Thái Nguyên' },
    diary: [],
    soldOn: null,
    ...overrides,
  };
}

describe('html', () => {
  it('escapes every interpolated value but nested html', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(html`<p>${'<b>'}${html`<i>${'&'}</i>`}${['<', html`<br>`]}${null}${false}${0}</p>`.text).toBe('<p>&lt;b&gt;<i>&amp;</i>&lt;<br>0</p>');
  });
});

describe('scan page', () => {
  it('escapes data from sellers and lots', () => {
    const page = renderScanPage(aRecord(), 'vi', RULES);
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('Chè &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('HTX &quot;Chè&quot; &amp; Co');
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it('leaves out what the lot does not have and the consent button of void and inactive stamps', () => {
    const page = renderScanPage(aRecord(), 'vi', RULES);
    expect(page).not.toContain('Hạn sử dụng');
    expect(page).not.toContain('OCOP');
    expect(page).toContain('Chưa có nhật ký.');
    const voided = renderScanPage(aRecord({ verdict: { kind: 'void', reasons: [], scanCount: 3, firstScanAt: null } }), 'en', RULES);
    expect(voided).toContain('This stamp has been voided');
    expect(voided).not.toContain('<script');
  });

  it('explains each suspicion with the configured thresholds', () => {
    const record = aRecord({ verdict: { kind: 'suspicious', reasons: ['too_many_scans', 'far_apart'], scanCount: 61, firstScanAt: '2026-12-01T03:00:00.000Z' } });
    const page = renderScanPage(record, 'vi', RULES);
    expect(page).toContain('Tem đã được quét 61 lần, nhiều hơn mức bình thường (50).');
    expect(page).toContain('cách nhau hơn 100 km trong vòng 24 giờ');
    expect(page).toContain('Lần quét đầu: 01/12/2026 10:00');
  });

  it('with a partial scan history (Redis away) says "at least N scans", never "first scan" nor a first-scan date', () => {
    const first = renderScanPage(aRecord({ verdict: { kind: 'genuine_first', reasons: [], scanCount: 1, firstScanAt: '2026-12-01T03:00:00.000Z', partial: true } }), 'vi', RULES);
    expect(first).toContain('<h1>Tem chính hãng</h1>');
    expect(first).toContain('Số lần quét: ít nhất 1 (lịch sử quét tạm thời chưa đầy đủ).');
    expect(first).not.toContain('lần quét đầu tiên');
    const seen = renderScanPage(aRecord({ verdict: { kind: 'genuine_seen', reasons: [], scanCount: 4, firstScanAt: '2026-12-01T03:00:00.000Z', partial: true } }), 'en', RULES);
    expect(seen).toContain('<h1>Genuine stamp</h1>');
    expect(seen).toContain('Scans: at least 4 (the scan history is incomplete for the moment).');
    expect(seen).not.toMatch(/scanned before|First scanned/);
    const suspicious = renderScanPage(aRecord({ verdict: { kind: 'suspicious', reasons: ['too_many_scans'], scanCount: 61, firstScanAt: null, partial: true } }), 'vi', RULES);
    expect(suspicious).toContain('Tem đã được quét ít nhất 61 lần, nhiều hơn mức bình thường (50).');
  });

  it('says a genuine stamp was sold and on which Vietnam day (dd/MM/yyyy), in both languages, and nothing when unsold', () => {
    const sold = aRecord({ verdict: { kind: 'genuine_seen', reasons: [], scanCount: 2, firstScanAt: '2026-12-01T03:00:00.000Z' }, soldOn: '2026-11-30' });
    const vi = renderScanPage(sold, 'vi', RULES);
    expect(vi).toContain('Tem chính hãng — đã được quét trước đây');
    expect(vi).toContain('<span class="sold">Đã bán ngày 30/11/2026</span>');
    expect(renderScanPage(sold, 'en', RULES)).toContain('<span class="sold">Sold on 30/11/2026</span>');
    expect(renderScanPage(aRecord(), 'vi', RULES)).not.toContain('Đã bán');
  });

  it('has not-found and refusal pages in both languages', () => {
    expect(renderNotFoundPage('vi')).toContain('Không tìm thấy tem');
    expect(renderNotFoundPage('en')).toContain('Stamp not found');
    expect(renderRefusalPage('vi', 429, 42)).toContain('Vui lòng thử lại sau 42 giây.');
    expect(renderRefusalPage('en', 503, 60)).toContain('The service is busy');
  });

  it('reads ?lang=en, anything else is Vietnamese', () => {
    expect(langOf('en')).toBe('en');
    expect([langOf('vi'), langOf(undefined), langOf(['en']), langOf('EN')]).toEqual(['vi', 'vi', 'vi', 'vi']);
  });
});
