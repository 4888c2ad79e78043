import type { Dictionary } from '@nss/web-data-access';

export const DEV_TEXTS: Dictionary = {
  vi: {
    'dev.outbox.title': 'Hộp thư thử nghiệm',
    'dev.outbox.intro': 'Tin nhắn lẽ ra đã gửi qua SMS (chỉ có ở môi trường phát triển). Giờ Việt Nam.',
    'dev.outbox.phone': 'Lọc theo số điện thoại',
    'dev.outbox.refresh': 'Tải lại',
    'dev.outbox.col.time': 'Thời gian',
    'dev.outbox.col.phone': 'Số điện thoại',
    'dev.outbox.col.purpose': 'Mục đích',
    'dev.outbox.col.code': 'Mã',
    'dev.outbox.purpose.handover': 'Bàn giao tài khoản',
    'dev.outbox.purpose.password_reset': 'Đặt lại mật khẩu',
    'dev.outbox.empty': 'Chưa có tin nhắn nào.',
  },
  en: {
    'dev.outbox.title': 'Dev outbox',
    'dev.outbox.intro': 'Messages that would have been sent by SMS (development only). Vietnam time.',
    'dev.outbox.phone': 'Filter by phone',
    'dev.outbox.refresh': 'Reload',
    'dev.outbox.col.time': 'Time',
    'dev.outbox.col.phone': 'Phone',
    'dev.outbox.col.purpose': 'Purpose',
    'dev.outbox.col.code': 'Code',
    'dev.outbox.purpose.handover': 'Account handover',
    'dev.outbox.purpose.password_reset': 'Password reset',
    'dev.outbox.empty': 'No messages yet.',
  },
};
