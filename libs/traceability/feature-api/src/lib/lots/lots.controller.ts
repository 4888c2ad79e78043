import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  createDiaryEntrySchema,
  createLotSchema,
  diaryEntrySchema,
  lotDiarySchema,
  lotIdParamsSchema,
  lotListQuerySchema,
  lotPageSchema,
  lotSchema,
  updateLotSchema,
} from '@nss/contracts';
import type { DiaryEntry, Lot, LotDiary, LotPage } from '@nss/contracts';
import { Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { DiaryService } from './diary.service';
import { LotsService } from './lots.service';

class CreateLotDto extends createZodDto(createLotSchema) {}
class UpdateLotDto extends createZodDto(updateLotSchema) {}
class LotListQueryDto extends createZodDto(lotListQuerySchema) {}
class LotIdParamsDto extends createZodDto(lotIdParamsSchema) {}
class CreateDiaryEntryDto extends createZodDto(createDiaryEntrySchema) {}
class LotDto extends createZodDto(lotSchema) {}
class LotPageDto extends createZodDto(lotPageSchema) {}
class DiaryEntryDto extends createZodDto(diaryEntrySchema) {}
class LotDiaryDto extends createZodDto(lotDiarySchema) {}

/** Lots and their production diary: the seller or its managing agent writes; staff of the province and admins read. */
@ApiTags('traceability')
@ApiBearerAuth()
@Controller('lots')
export class LotsController {
  constructor(
    private readonly lots: LotsService,
    private readonly diary: DiaryService,
  ) {}

  @Post()
  @Roles('seller', 'agent')
  @ApiCreatedResponse({ type: LotDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateLotDto): Promise<Lot> {
    return this.lots.create(actor, body);
  }

  @Get()
  @Roles('seller', 'agent', 'province_staff', 'admin')
  @ApiOkResponse({ type: LotPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: LotListQueryDto): Promise<LotPage> {
    return this.lots.list(actor, query);
  }

  @Get(':id')
  @Roles('seller', 'agent', 'province_staff', 'admin')
  @ApiOkResponse({ type: LotDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: LotIdParamsDto): Promise<Lot> {
    return this.lots.get(actor, id);
  }

  @Patch(':id')
  @Roles('seller', 'agent')
  @ApiOkResponse({ type: LotDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: LotIdParamsDto, @Body() body: UpdateLotDto): Promise<Lot> {
    return this.lots.update(actor, id, body);
  }

  /** 201 with the new entry; 200 with the stored one when the device sent this `clientId` before (offline replay). */
  @Post(':id/diary')
  @Roles('seller', 'agent')
  @ApiCreatedResponse({ type: DiaryEntryDto })
  @ApiOkResponse({ type: DiaryEntryDto })
  async addEntry(
    @CurrentActor() actor: Actor,
    @Param() { id }: LotIdParamsDto,
    @Body() body: CreateDiaryEntryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DiaryEntry> {
    const { entry, created } = await this.diary.record(actor, id, body);
    reply.status(created ? 201 : 200);
    return entry;
  }

  @Get(':id/diary')
  @Roles('seller', 'agent', 'province_staff', 'admin')
  @ApiOkResponse({ type: LotDiaryDto })
  readDiary(@CurrentActor() actor: Actor, @Param() { id }: LotIdParamsDto): Promise<LotDiary> {
    return this.diary.read(actor, id);
  }
}
