import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { SellerEvent, SellerEventSchema } from '../sellers/seller-event.schema';
import { Seller, SellerSchema } from '../sellers/seller.schema';
import { TrainingEvent, TrainingEventSchema } from '../training/training-event.schema';
import { TrainingAttendance, TrainingAttendanceSchema, TrainingSession, TrainingSessionSchema } from '../training/training.schema';
import { OnboardingEventsBackfillRepository } from './onboarding-events-backfill.repository';

/** Just what `report:backfill` needs of onboarding (no controllers, no accounts). */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Seller.name, schema: SellerSchema },
      { name: SellerEvent.name, schema: SellerEventSchema },
      { name: TrainingSession.name, schema: TrainingSessionSchema },
      { name: TrainingAttendance.name, schema: TrainingAttendanceSchema },
      { name: TrainingEvent.name, schema: TrainingEventSchema },
    ]),
  ],
  providers: [OnboardingEventsBackfillRepository],
  exports: [OnboardingEventsBackfillRepository],
})
export class OnboardingEventsBackfillModule {}
