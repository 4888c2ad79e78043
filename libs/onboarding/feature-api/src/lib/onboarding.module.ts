import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccountsModule } from '@nss/accounts-api';
import { FunnelController } from './funnel/funnel.controller';
import { FunnelService } from './funnel/funnel.service';
import { HandoverService } from './sellers/handover.service';
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
import {
  TrainingAttendance,
  TrainingAttendanceSchema,
  TrainingSession,
  TrainingSessionSchema,
} from './training/training.schema';
import { TrainingService } from './training/training.service';

/**
 * Onboarding: seller registration (self or by an agent with consent), verification by province staff, handover of
 * agent-created accounts, training sessions and the onboarding funnel. Exports SellerDirectory for the catalogue.
 */
@Module({
  imports: [
    AccountsModule,
    MongooseModule.forFeature([
      { name: Seller.name, schema: SellerSchema },
      { name: SellerEvent.name, schema: SellerEventSchema },
      { name: TrainingSession.name, schema: TrainingSessionSchema },
      { name: TrainingAttendance.name, schema: TrainingAttendanceSchema },
    ]),
  ],
  controllers: [SellersController, TrainingController, FunnelController],
  providers: [
    SellersRepository,
    SellerEventsRepository,
    SellerTransitions,
    TrainingSessionsRepository,
    TrainingAttendancesRepository,
    SellerRegistrationService,
    SellersService,
    HandoverService,
    TrainingService,
    FunnelService,
    SellerDirectory,
  ],
  exports: [SellerDirectory],
})
export class OnboardingModule {}
