import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { type DeadLetter, type ReplayResult, deadLetterQuerySchema, deadLetterSchema, objectIdSchema, replayResultSchema } from '@nss/contracts';
import { Roles, createZodDto } from '@nss/server-core';
import { DeadLettersService } from './dead-letters.service';

class DeadLetterQueryDto extends createZodDto(deadLetterQuerySchema) {}
class DeadLetterDto extends createZodDto(deadLetterSchema) {}
class ReplayResultDto extends createZodDto(replayResultSchema) {}
class MessageIdParamsDto extends createZodDto(z.strictObject({ id: objectIdSchema })) {}

/** Platform admins: messages that could not be delivered, and sending one again. */
@ApiTags('notifications')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/notifications')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get('dead-letters')
  @ApiOkResponse({ type: DeadLetterDto, isArray: true })
  list(@Query() query: DeadLetterQueryDto): Promise<DeadLetter[]> {
    return this.deadLetters.list(query.limit);
  }

  @Post('messages/:id/replay')
  @HttpCode(200)
  @ApiOkResponse({ type: ReplayResultDto })
  replay(@Param() params: MessageIdParamsDto): Promise<ReplayResult> {
    return this.deadLetters.replay(params.id.toLowerCase());
  }
}
