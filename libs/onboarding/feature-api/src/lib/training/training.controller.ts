import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  createTrainingSessionBodySchema,
  trainingSessionListQuerySchema,
  trainingSessionPageSchema,
  trainingSessionSchema,
} from '@nss/contracts';
import type { Page, TrainingSessionDto } from '@nss/contracts';
import { createZodDto, CurrentActor, Roles, type Actor } from '@nss/server-core';
import { TrainingService } from './training.service';

class CreateTrainingSessionDto extends createZodDto(createTrainingSessionBodySchema) {}
class TrainingSessionListQueryDto extends createZodDto(trainingSessionListQuerySchema) {}
class TrainingSessionResponseDto extends createZodDto(trainingSessionSchema) {}
class TrainingSessionPageDto extends createZodDto(trainingSessionPageSchema) {}

@ApiTags('training')
@ApiBearerAuth()
@Controller('training-sessions')
export class TrainingController {
  constructor(private readonly training: TrainingService) {}

  @Roles('agent')
  @Post()
  @ApiCreatedResponse({ type: TrainingSessionResponseDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateTrainingSessionDto): Promise<TrainingSessionDto> {
    return this.training.create(actor, body);
  }

  @Roles('agent', 'province_staff', 'admin')
  @Get()
  @ApiOkResponse({ type: TrainingSessionPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: TrainingSessionListQueryDto): Promise<Page<TrainingSessionDto>> {
    return this.training.list(actor, query);
  }
}
