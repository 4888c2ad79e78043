import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { createTrainingSessionBodySchema, trainingSessionListQuerySchema } from '@nss/contracts';
import type { Page, TrainingSessionDto } from '@nss/contracts';
import { createZodDto, CurrentActor, Roles, type Actor } from '@nss/server-core';
import { TrainingService } from './training.service';

class CreateTrainingSessionDto extends createZodDto(createTrainingSessionBodySchema) {}
class TrainingSessionListQueryDto extends createZodDto(trainingSessionListQuerySchema) {}

@ApiTags('training')
@ApiBearerAuth()
@Controller('training-sessions')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Roles('agent')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: CreateTrainingSessionDto): Promise<TrainingSessionDto> {
    return this.training.create(actor, body);
  }

  @Roles('agent', 'province_staff', 'admin')
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: TrainingSessionListQueryDto): Promise<Page<TrainingSessionDto>> {
    return this.training.list(actor, query);
  }
}
