import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  activateStampsSchema,
  createStampBatchSchema,
  rejectStampBatchSchema,
  stampBatchFileParamsSchema,
  stampBatchIdParamsSchema,
  stampBatchListQuerySchema,
  stampBatchPageSchema,
  stampBatchSchema,
  stampRangeResultSchema,
  voidStampsSchema,
} from '@nss/contracts';
import type { StampBatch, StampBatchPage, StampRangeResult } from '@nss/contracts';
import { Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { StampActivationService } from './stamp-activation.service';
import { StampBatchesService } from './stamp-batches.service';

class CreateStampBatchDto extends createZodDto(createStampBatchSchema) {}
class RejectStampBatchDto extends createZodDto(rejectStampBatchSchema) {}
class ActivateStampsDto extends createZodDto(activateStampsSchema) {}
class VoidStampsDto extends createZodDto(voidStampsSchema) {}
class StampBatchListQueryDto extends createZodDto(stampBatchListQuerySchema) {}
class StampBatchIdParamsDto extends createZodDto(stampBatchIdParamsSchema) {}
class StampBatchFileParamsDto extends createZodDto(stampBatchFileParamsSchema) {}
class StampBatchDto extends createZodDto(stampBatchSchema) {}
class StampBatchPageDto extends createZodDto(stampBatchPageSchema) {}
class StampRangeResultDto extends createZodDto(stampRangeResultSchema) {}

const OWNER_SIDE_AND_STAFF = ['seller', 'agent', 'province_staff', 'admin'] as const;

/** Stamp batches: requested by the seller side, decided by staff, made by the worker, downloaded and activated. */
@ApiTags('traceability')
@ApiBearerAuth()
@Controller('stamp-batches')
export class StampBatchesController {
  constructor(
    private readonly batches: StampBatchesService,
    private readonly activation: StampActivationService,
  ) {}

  @Post()
  @Roles('seller', 'agent')
  @ApiCreatedResponse({ type: StampBatchDto })
  request(@CurrentActor() actor: Actor, @Body() body: CreateStampBatchDto): Promise<StampBatch> {
    return this.batches.request(actor, body);
  }

  @Get()
  @Roles(...OWNER_SIDE_AND_STAFF)
  @ApiOkResponse({ type: StampBatchPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: StampBatchListQueryDto): Promise<StampBatchPage> {
    return this.batches.list(actor, query);
  }

  @Get(':id')
  @Roles(...OWNER_SIDE_AND_STAFF)
  @ApiOkResponse({ type: StampBatchDto })
  get(@CurrentActor() actor: Actor, @Param() { id }: StampBatchIdParamsDto): Promise<StampBatch> {
    return this.batches.get(actor, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('province_staff', 'admin')
  @ApiOkResponse({ type: StampBatchDto })
  approve(@CurrentActor() actor: Actor, @Param() { id }: StampBatchIdParamsDto): Promise<StampBatch> {
    return this.batches.approve(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('province_staff', 'admin')
  @ApiOkResponse({ type: StampBatchDto })
  reject(@CurrentActor() actor: Actor, @Param() { id }: StampBatchIdParamsDto, @Body() body: RejectStampBatchDto): Promise<StampBatch> {
    return this.batches.reject(actor, id, body.reason);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles(...OWNER_SIDE_AND_STAFF)
  @ApiOkResponse({ type: StampBatchDto })
  cancel(@CurrentActor() actor: Actor, @Param() { id }: StampBatchIdParamsDto): Promise<StampBatch> {
    return this.batches.cancel(actor, id);
  }

  @Post(':id/activate')
  @HttpCode(200)
  @Roles(...OWNER_SIDE_AND_STAFF)
  @ApiOkResponse({ type: StampRangeResultDto, description: 'Đã kích hoạt / activated' })
  @ApiAcceptedResponse({ type: StampRangeResultDto, description: 'Dải lớn: worker đang kích hoạt / a large range: the worker activates it' })
  async activate(
    @CurrentActor() actor: Actor,
    @Param() { id }: StampBatchIdParamsDto,
    @Body() body: ActivateStampsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StampRangeResult> {
    return acceptedWhenPending(reply, await this.activation.activate(actor, id, body));
  }

  @Get(':id/files/:part.pdf')
  @Roles(...OWNER_SIDE_AND_STAFF)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Tờ tem A4 (≤ 5.000 tem một tệp) / A4 label sheets (≤ 5,000 labels a file)', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentActor() actor: Actor, @Param() { id, part }: StampBatchFileParamsDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.activation.file(actor, id, 'pdf', part);
    await sendFile(reply, file, 'application/pdf');
  }

  @Get(':id/stamps.csv')
  @Roles(...OWNER_SIDE_AND_STAFF)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Danh sách tem cho máy in nhãn (UTF-8 có BOM) / the stamps for label printers (UTF-8 with BOM)', schema: { type: 'string' } })
  async csv(@CurrentActor() actor: Actor, @Param() { id }: StampBatchIdParamsDto, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.activation.file(actor, id, 'csv');
    await sendFile(reply, file, 'text/csv; charset=utf-8');
  }
}

/** Stamps themselves: voiding a range of a batch. */
@ApiTags('traceability')
@ApiBearerAuth()
@Controller('stamps')
export class StampsController {
  constructor(private readonly activation: StampActivationService) {}

  @Post('void')
  @HttpCode(200)
  @Roles(...OWNER_SIDE_AND_STAFF)
  @ApiOkResponse({ type: StampRangeResultDto, description: 'Đã huỷ / voided' })
  @ApiAcceptedResponse({ type: StampRangeResultDto, description: 'Dải lớn: worker đang huỷ / a large range: the worker voids it' })
  async void(@CurrentActor() actor: Actor, @Body() body: VoidStampsDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StampRangeResult> {
    return acceptedWhenPending(reply, await this.activation.void(actor, body));
  }
}

/** 202 when the range is left to the worker (its pending change in the body), 200 when it changed in the request. */
function acceptedWhenPending(reply: FastifyReply, result: StampRangeResult): StampRangeResult {
  if (result.pending) reply.status(202);
  return result;
}

async function sendFile(reply: FastifyReply, file: { stream: NodeJS.ReadableStream; size: number; name: string }, type: string): Promise<void> {
  await reply
    .header('content-type', type)
    .header('content-length', String(file.size))
    .header('content-disposition', `attachment; filename="${file.name}"`)
    .send(file.stream);
}
