import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccountsModule } from '@nss/accounts-api';
import { FunnelController } from './funnel/funnel.controller';
import { FunnelService } from './funnel/funnel.service';
import { RegistrationCase, RegistrationCaseSchema } from './registration-cases/registration-case.schema';
import { RegistrationCasesController } from './registration-cases/registration-cases.controller';
import { RegistrationCasesRepository } from './registration-cases/registration-cases.repository';
import { RegistrationCasesService } from './registration-cases/registration-cases.service';
import { AgentRegistrationLimitGuard } from './sellers/agent-registration-limit.guard';
import { CitizenIdHashBackfill } from './sellers/citizen-id-hash.backfill';
import { LegacyCitizenIdsRepository } from './sellers/legacy-citizen-ids.repository';
import { CitizenIdCipher } from './sellers/citizen-id-cipher';
import { CitizenIdHasher } from './sellers/citizen-id-hasher';
import { HandoverService } from './sellers/handover.service';
import { SellerCreation } from './sellers/seller-creation';
import { SellerDirectory } from './sellers/seller-directory';
import { SellerRegistrationService } from './sellers/seller-registration.service';
import { Seller, SellerSchema } from './sellers/seller.schema';
import { SellerEvent, SellerEventSchema } from './sellers/seller-event.schema';
import { SellerEventsRepository } from './sellers/seller-events.repository';
import { SellerTransitions } from './sellers/seller-transitions';
import { SellersController } from './sellers/sellers.controller';
import { SellersRepository } from './sellers/sellers.repository';
import { SellersService } from './sellers/sellers.service';
import { TrainingAttendancesRepository } from './training/training-attendances.repository';
import { TrainingSessionsRepository } from './training/training-sessions.repository';
import { TrainingController } from './training/training.controller';
import { TrainingEvent, TrainingEventSchema } from './training/training-event.schema';
import { TrainingEventsRepository } from './training/training-events.repository';
import {
  TrainingAttendance,
  TrainingAttendanceSchema,
  TrainingSession,
  TrainingSessionSchema,
} from './training/training.schema';
import { TrainingService } from './training/training.service';

/**
 * Onboarding: seller registration (self or by an agent with consent), verification by province staff, handover of
 * agent-created accounts, training sessions, the onboarding funnel and the staff queue of registration cases
 * (duplicates). Exports SellerDirectory for the catalogue and SellerRegistrationService for the demo seed.
 */
@Module({
  imports: [
    AccountsModule,
    MongooseModule.forFeature([
      { name: Seller.name, schema: SellerSchema },
      { name: SellerEvent.name, schema: SellerEventSchema },
      { name: RegistrationCase.name, schema: RegistrationCaseSchema },
      { name: TrainingSession.name, schema: TrainingSessionSchema },
      { name: TrainingAttendance.name, schema: TrainingAttendanceSchema },
      { name: TrainingEvent.name, schema: TrainingEventSchema },
    ]),
  ],
  controllers: [SellersController, TrainingController, FunnelController, RegistrationCasesController],
  providers: [
    SellersRepository,
    SellerEventsRepository,
    SellerTransitions,
    TrainingSessionsRepository,
    TrainingAttendancesRepository,
    TrainingEventsRepository,
    SellerRegistrationService,
    SellersService,
    HandoverService,
    TrainingService,
    FunnelService,
    SellerDirectory,
    AgentRegistrationLimitGuard,
    CitizenIdHasher,
    CitizenIdCipher,
    CitizenIdHashBackfill,
    LegacyCitizenIdsRepository,
    SellerCreation,
    RegistrationCasesRepository,
    RegistrationCasesService,
  ],
  exports: [SellerDirectory, SellerRegistrationService],
})
export class OnboardingModule {}
