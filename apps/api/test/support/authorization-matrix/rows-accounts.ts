import { SessionService } from '@nss/accounts-api';
import { aPhone, anAccount, aVerificationCode } from '../accounts.factory';
import { all, freshTokenLike, only, type Rows } from './matrix';

/** Accounts, notifications, administrative units and health. */
export const accountRows: Rows = {
  // ── Accounts ──
  'POST /api/auth/register': {
    scoped: false,
    probe: async (w) => {
      const phone = aPhone();
      return { method: 'POST', path: '/api/auth/register', body: { phone, code: await aVerificationCode(w.api, phone), password: 'mat-khau-dai-hon', fullName: 'Người Mua Mới' } };
    },
    expect: all(201),
  },
  'POST /api/auth/phone-verification': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/phone-verification', body: { phone: aPhone() } }),
    expect: all(202),
  },
  'POST /api/auth/login/totp': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/login/totp', body: { challengeToken: 'x'.repeat(43), code: '000000' } }),
    expect: all(401),
  },
  'POST /api/auth/logout-all': {
    scoped: false,
    // Ends every session of the caller: sent as a fresh user of the caller's kind, so the table's tokens live on.
    probe: async (w, _whose, caller) => ({ method: 'POST', path: '/api/auth/logout-all', token: await freshTokenLike(w, caller) }),
    expect: { ...all(204), anonymous: 401 },
  },
  'GET /api/auth/totp': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/auth/totp' }), expect: only({ staff: 200, otherStaff: 200, admin: 200 }) },
  'POST /api/auth/totp/enrol': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/totp/enrol' }),
    expect: only({ staff: 201, otherStaff: 201, admin: 201 }),
  },
  'POST /api/auth/totp/confirm': {
    scoped: false,
    // A wrong code: a right one would start a new session and end the table's token.
    probe: async () => ({ method: 'POST', path: '/api/auth/totp/confirm', body: { code: '000000' } }),
    expect: only({ staff: 400, otherStaff: 400, admin: 400 }),
  },
  'POST /api/auth/totp/disable': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/totp/disable', body: { code: '000000' } }),
    expect: only({ staff: 409, otherStaff: 409, admin: 409 }),
  },
  'POST /api/auth/login': {
    scoped: false,
    probe: async (w) => {
      const user = await anAccount().create(w.api);
      return { method: 'POST', path: '/api/auth/login', body: { phone: user.user.phone, password: user.password } };
    },
    expect: all(200),
  },
  'POST /api/auth/refresh': {
    scoped: false,
    probe: async (w) => {
      const user = await anAccount().create(w.api);
      const tokens = await w.api.app.get(SessionService).startForUser(user.user.id);
      return { method: 'POST', path: '/api/auth/refresh', body: { refreshToken: tokens.refreshToken } };
    },
    expect: all(200),
  },
  'POST /api/auth/logout': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/logout', body: { refreshToken: 'x'.repeat(43) } }),
    expect: { ...all(204), anonymous: 401 },
  },
  'GET /api/auth/me': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/auth/me' }), expect: { ...all(200), anonymous: 401 } },
  'POST /api/auth/password-reset/request': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/password-reset/request', body: { phone: aPhone() } }),
    expect: all(202),
  },
  'POST /api/auth/password-reset/confirm': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/auth/password-reset/confirm', body: { phone: aPhone(), code: '000000', newPassword: 'mat-khau-moi-dai' } }),
    expect: all(400),
  },

  // ── Notifications ──
  'GET /api/admin/notifications/dead-letters': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/admin/notifications/dead-letters' }),
    expect: only({ admin: 200 }),
  },
  'POST /api/admin/notifications/messages/{id}/replay': {
    scoped: false,
    probe: async () => ({ method: 'POST', path: '/api/admin/notifications/messages/0123456789abcdef01234567/replay' }),
    expect: only({ admin: 404 }),
  },
  // Providers' delivery reports: public routes, but only a genuine signature (ZNS) or the secret token (eSMS) passes.
  'POST /api/notifications/webhooks/zns': {
    scoped: false,
    probe: async () => ({
      method: 'POST',
      path: '/api/notifications/webhooks/zns',
      body: { app_id: 'x', event_name: 'user_received_message', timestamp: String(Date.now()), message: { msg_id: 'a', tracking_id: 'b' } },
    }),
    expect: all(401),
  },
  'GET /api/notifications/webhooks/esms/{token}': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: `/api/notifications/webhooks/esms/${'x'.repeat(40)}?SMSID=1&RequestId=2&SendStatus=5` }),
    expect: all(401),
  },

  // ── Administrative units, health: public ──
  'GET /api/admin-units/provinces': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/admin-units/provinces' }), expect: all(200) },
  'GET /api/admin-units/provinces/{code}/communes': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/admin-units/provinces/19/communes' }),
    expect: all(200),
  },
  'GET /api/admin-units/convert': {
    scoped: false,
    probe: async () => ({ method: 'GET', path: '/api/admin-units/convert?era=pre2025&code=00004' }),
    expect: all(200),
  },
  'GET /api/health': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/health' }), expect: all(200) },
  'GET /api/health/live': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/health/live' }), expect: all(200) },
  'GET /api/health/ready': { scoped: false, probe: async () => ({ method: 'GET', path: '/api/health/ready' }), expect: all(200) },

};
