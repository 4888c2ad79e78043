export { AccountsModule } from './lib/accounts.module';
export { AccountsWorkerModule } from './lib/accounts-worker.module';
export { MaintenanceJobsProcessor } from './lib/maintenance/maintenance-jobs.processor';
export { SESSIONS_PURGE_EVERY_MS } from './lib/maintenance/maintenance-schedule';
export { UsersService, type CreateUserInput } from './lib/users/users.service';
export type { AccountUser } from './lib/users/account-user';
export { OneTimeCodeService } from './lib/codes/one-time-code.service';
export { OTP_SENDER, type OtpSender, type OtpMessage } from './lib/codes/otp-sender';
export { SessionService } from './lib/sessions/session.service';
