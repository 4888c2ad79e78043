import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  createDiaryEntrySchema,
  createLotSchema,
  diaryEntrySchema,
  lotDiarySchema,
  lotDetailSchema,
  lotIdParamsSchema,
  lotListQuerySchema,
  lotPageSchema,
  lotSchema,
  updateLotSchema,
} from '@nss/contracts';
import type { DiaryEntry, Lot, LotDetail, LotDiary, LotPage } from '@nss/contracts';
import { Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { DiaryService } from './diary.service';
import { LotEpcisService } from './lot-epcis.service';
import { LotsService } from './lots.service';

class CreateLotDto extends createZodDto(createLotSchema) {}
class UpdateLotDto extends createZodDto(updateLotSchema) {}
class LotListQueryDto extends createZodDto(lotListQuerySchema) {}
class LotIdParamsDto extends createZodDto(lotIdParamsSchema) {}
class CreateDiaryEntryDto extends createZodDto(createDiaryEntrySchema) {}
class LotDto extends createZodDto(lotSchema) {}
class LotDetailDto extends createZodDto(lotDetailSchema) {}
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
    private readonly epcis: LotEpcisService,
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
  @ApiOkResponse({ type: LotDetailDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: LotIdParamsDto): Promise<LotDetail> {
    return this.lots.get(actor, id);
  }

  /** The lot's history as an EPCIS 2.0 document (JSON-LD): stamps commissioned, diary, shipments. */
  @Get(':id/epcis')
  @Roles('seller', 'agent', 'province_staff', 'admin')
  @ApiProduces('application/ld+json')
  @ApiOkResponse({ description: 'Tài liệu EPCIS 2.0 (JSON-LD) của lô / the lot as an EPCIS 2.0 JSON-LD document', schema: { type: 'object' } })
  async exportEpcis(@CurrentActor() actor: Actor, @Param() { id }: LotIdParamsDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const doc = await this.epcis.export(actor, id);
    reply.header('content-type', 'application/ld+json; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="epcis-lo-${id}.jsonld"`);
    return JSON.stringify(doc);
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
