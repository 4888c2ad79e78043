import { Module } from '@nestjs/common';
import { AdminUnitsController } from './admin-units.controller';
import { AdminUnitsService } from './admin-units.service';

/** Public endpoints over the vendored 2025 administrative units (34 provinces, 3,321 communes). */
@Module({
  controllers: [AdminUnitsController],
  providers: [AdminUnitsService],
  exports: [AdminUnitsService],
})
export class AdminUnitsModule {}
