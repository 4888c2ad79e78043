import { MESSAGE_TEMPLATES, templateOf } from './message-templates';

describe('message templates', () => {
  it('puts each one-time code in one 160-character GSM-7 SMS part that names the brand and the purpose', () => {
    for (const [key, what] of [['otp.handover', 'ban giao'], ['otp.password_reset', 'dat lai mat khau'], ['otp.phone_verification', 'so dien thoai']]) {
      const text = templateOf(key).sms({ code: '042137' });
      expect(text).toContain('042137');
      expect(text).toContain('NongSanSo');
      expect(text).toContain(what);
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).toMatch(/^[\x20-\x7e]*$/);
    }
  });

  it('marks code templates secret and sends their code as the ZNS `otp` parameter', () => {
    const template = templateOf('otp.handover');
    expect(template.secret).toBe(true);
    expect(template.zns?.data({ code: '042137' })).toEqual({ otp: '042137' });
    expect(MESSAGE_TEMPLATES['account.password_changed']?.secret).toBe(false);
  });

  describe('order notices', () => {
    const ORDER_TEMPLATES = ['order.placed', 'order.seller_new', 'order.paid', 'order.accepted', 'order.shipped', 'order.delivered', 'order.cancelled', 'order.seller_cancelled', 'order.refunded'];
    const longest = {
      code: 'DHABCDEFGHJK',
      total: '1000000000',
      amount: '1000000000',
      carrier: 'Giao Hàng Tiết Kiệm Chi Nhánh Đắk Lắk Và Các Tỉnh Tây Nguyên Mở Rộng',
      trackingCode: 'GHTK-1234567890-1234567890-1234567890-12',
    };

    it.each(ORDER_TEMPLATES)('%s fits one GSM-7 part without diacritics, names the brand and the order', (key) => {
      const text = templateOf(key).sms(longest);
      expect(text.length).toBeLessThanOrEqual(160);
      expect(text).toMatch(/^[\x20-\x7e]*$/);
      expect(text).toContain('NongSanSo');
      expect(text).toContain('DHABCDEFGHJK');
      expect(templateOf(key).secret).toBe(false);
    });

    it('says the amounts in đồng with dots and the shipment as typed, without accents', () => {
      expect(templateOf('order.placed').sms({ code: 'DH2345678923', total: '1250000' })).toContain('1.250.000d');
      expect(templateOf('order.refunded').sms({ code: 'DH2345678923', amount: '95000' })).toContain('95.000d');
      const shipped = templateOf('order.shipped').sms({ code: 'DH2345678923', carrier: 'Viettel Post', trackingCode: 'VTP-99887766' });
      expect(shipped).toContain('Viettel Post');
      expect(shipped).toContain('VTP-99887766');
      expect(templateOf('order.shipped').sms({ code: 'DH2', carrier: 'Giao hàng nhanh', trackingCode: 'X1' })).toContain('Giao hang nhanh');
    });
  });

  it('refuses an unknown template', () => {
    expect(() => templateOf('nope')).toThrow('Unknown message template');
  });
});
