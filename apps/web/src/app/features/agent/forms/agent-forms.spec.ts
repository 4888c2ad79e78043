import type { RegistrationFormValue } from '../../seller/forms/registration';
import { checkConsent, toAgentRegisterRequest } from './assisted-registration';
import { checkTraining, splitTopics, toFormPath, toTrainingRequest } from './training';

const household: RegistrationFormValue = {
  type: 'household',
  representativeName: 'Hoàng Văn Páo',
  displayName: 'Mật ong bạc hà Páo',
  phone: '0987 654 321',
  password: 'ignored',
  citizenId: '002345678901',
  provinceCode: '04',
  communeCode: '01234',
  addressText: 'Thôn Lũng Cú',
};

describe('assisted registration', () => {
  const now = new Date('2026-11-22T03:00:00.000Z');

  it('sends the consent with the time it was recorded and never a password', () => {
    const body = toAgentRegisterRequest(household, { given: true, method: 'signed_form' }, now);
    expect(body).not.toHaveProperty('password');
    expect(body.phone).toBe('0987654321');
    expect(body.consent).toEqual({ given: true, method: 'signed_form', recordedAt: '2026-11-22T03:00:00.000Z' });
  });

  it('leaves consent out when not ticked, so the API reports consent.given', () => {
    expect(toAgentRegisterRequest(household, { given: false, method: 'verbal' }, now)).not.toHaveProperty('consent');
    expect(checkConsent({ given: false, method: '' })).toEqual({ 'consent.given': 'required', 'consent.method': 'required' });
  });
});

describe('training session form', () => {
  it('splits topics and drops empty attendee rows, keeping the row mapping', () => {
    const { body, rowIndex } = toTrainingRequest({
      date: '2026-11-20',
      communeCode: '01234',
      topics: 'Chụp ảnh sản phẩm\n\nĐăng sản phẩm; Nhận đơn',
      attendees: [
        { name: 'Lò Thị Mai', phone: '' },
        { name: '', phone: '' },
        { name: 'Vàng A Dơ', phone: '+84912345678' },
      ],
    });
    expect(body).toEqual({
      date: '2026-11-20',
      communeCode: '01234',
      topics: ['Chụp ảnh sản phẩm', 'Đăng sản phẩm', 'Nhận đơn'],
      attendees: [{ name: 'Lò Thị Mai' }, { name: 'Vàng A Dơ', phone: '0912345678' }],
    });
    expect(rowIndex).toEqual([0, 2]);
    expect(toFormPath('attendees.1.phone', rowIndex)).toBe('attendees.2.phone');
    expect(toFormPath('topics', rowIndex)).toBe('topics');
  });

  it('checks required fields and phones per row', () => {
    expect(splitTopics(' ; ')).toEqual([]);
    expect(
      checkTraining({ date: '', communeCode: '', topics: '', attendees: [{ name: '', phone: '123' }] }),
    ).toEqual({ date: 'required', communeCode: 'required', topics: 'required', 'attendees.0.name': 'required', 'attendees.0.phone': 'phone' });
  });
});
