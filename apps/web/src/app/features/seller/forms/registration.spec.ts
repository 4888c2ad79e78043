import { checkRegistration, toSelfRegisterRequest, toSellerFields, type RegistrationFormValue } from './registration';

const value: RegistrationFormValue = {
  type: 'household',
  representativeName: ' Nguyễn Thị Lan ',
  displayName: 'Chè nhà bà Lan',
  phone: '+84 912 345 678',
  password: 'matkhau123',
  citizenId: '0191 2345 6789',
  provinceCode: '19',
  communeCode: '05500',
  addressText: 'Xóm 3',
};

describe('registration form', () => {
  it('maps to POST /sellers/self-register with national phone and compact CCCD', () => {
    expect(toSelfRegisterRequest(value, ' 123456 ')).toEqual({
      phone: '0912345678',
      code: '123456',
      password: 'matkhau123',
      type: 'household',
      representativeName: 'Nguyễn Thị Lan',
      displayName: 'Chè nhà bà Lan',
      citizenId: '019123456789',
      address: { provinceCode: '19', communeCode: '05500', text: 'Xóm 3' },
    });
  });

  it('has no password for assisted registration', () => {
    expect(toSellerFields(value)).not.toHaveProperty('password');
  });

  it('checks the basics before sending', () => {
    expect(checkRegistration(value, { requirePassword: true })).toEqual({});
    expect(checkRegistration({ ...value, phone: '012345', citizenId: '123', password: 'short' }, { requirePassword: true })).toEqual({
      phone: 'phone',
      citizenId: 'citizenId',
      password: 'passwordShort',
    });
    expect(checkRegistration({ ...value, password: '', communeCode: '' }, { requirePassword: false })).toEqual({
      'address.communeCode': 'required',
    });
  });
});
