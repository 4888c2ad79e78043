import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ledgerQuerySchema,
  ledgerSellerParamsSchema,
  sellerLedgerQuerySchema,
  sellerLedgerSchema,
  sellerStatementSchema,
  staffStatementParamsSchema,
  statementParamsSchema,
  statementQuerySchema,
} from '@nss/contracts';
import type { SellerLedger, SellerStatement } from '@nss/contracts';
import { Actor, CurrentActor, Roles, createZodDto } from '@nss/server-core';
import { LedgerService } from './ledger.service';
import { statementCsv } from './statement-csv';
import { StatementsService } from './statements.service';

class SellerLedgerQueryDto extends createZodDto(sellerLedgerQuerySchema) {}
class LedgerQueryDto extends createZodDto(ledgerQuerySchema) {}
class LedgerSellerParamsDto extends createZodDto(ledgerSellerParamsSchema) {}
class StatementParamsDto extends createZodDto(statementParamsSchema) {}
class StatementQueryDto extends createZodDto(statementQuerySchema) {}
class StaffStatementParamsDto extends createZodDto(staffStatementParamsSchema) {}
class SellerLedgerResponseDto extends createZodDto(sellerLedgerSchema) {}
class SellerStatementResponseDto extends createZodDto(sellerStatementSchema) {}

@ApiTags('ledger')
@ApiBearerAuth()
@Controller()
export class LedgerController {
  constructor(
    private readonly ledger: LedgerService,
    private readonly statements: StatementsService,
  ) {}

  @Get('seller/ledger')
  @Roles('seller', 'agent')
  @ApiOkResponse({ type: SellerLedgerResponseDto })
  own(@CurrentActor() actor: Actor, @Query() query: SellerLedgerQueryDto): Promise<SellerLedger> {
    return this.ledger.sellerLedger(actor, query);
  }

  @Get('seller/statements/:month')
  @Roles('seller', 'agent')
  @ApiOkResponse({ type: SellerStatementResponseDto })
  statement(@CurrentActor() actor: Actor, @Param() { month }: StatementParamsDto, @Query() query: StatementQueryDto): Promise<SellerStatement> {
    return this.statements.statement(actor, month, query.sellerId);
  }

  @Get('seller/statements/:month.csv')
  @Roles('seller', 'agent')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Sao kê dạng CSV (UTF-8 có BOM) / the statement as CSV (UTF-8 with BOM)', schema: { type: 'string' } })
  async statementCsv(
    @CurrentActor() actor: Actor,
    @Param() { month }: StatementParamsDto,
    @Query() query: StatementQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    return csvReply(reply, await this.statements.statement(actor, month, query.sellerId));
  }

  @Get('sellers/:sellerId/ledger')
  @Roles('province_staff', 'admin')
  @ApiOkResponse({ type: SellerLedgerResponseDto })
  ofSeller(@CurrentActor() actor: Actor, @Param() { sellerId }: LedgerSellerParamsDto, @Query() query: LedgerQueryDto): Promise<SellerLedger> {
    return this.ledger.staffLedger(actor, sellerId, query);
  }

  @Get('sellers/:sellerId/statements/:month')
  @Roles('province_staff', 'admin')
  @ApiOkResponse({ type: SellerStatementResponseDto })
  statementOfSeller(@CurrentActor() actor: Actor, @Param() { sellerId, month }: StaffStatementParamsDto): Promise<SellerStatement> {
    return this.statements.staffStatement(actor, sellerId, month);
  }

  @Get('sellers/:sellerId/statements/:month.csv')
  @Roles('province_staff', 'admin')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Sao kê dạng CSV (UTF-8 có BOM) / the statement as CSV (UTF-8 with BOM)', schema: { type: 'string' } })
  async statementCsvOfSeller(
    @CurrentActor() actor: Actor,
    @Param() { sellerId, month }: StaffStatementParamsDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    // Staff download many sellers' statements: the file name carries the seller id as well.
    return csvReply(reply, await this.statements.staffStatement(actor, sellerId, month), `sao-ke-${month}-${sellerId}.csv`);
  }
}

/** The statement as a CSV file download (`sao-ke-<month>.csv` unless named). */
function csvReply(reply: FastifyReply, statement: SellerStatement, fileName = `sao-ke-${statement.month}.csv`): string {
  reply.header('content-type', 'text/csv; charset=utf-8');
  reply.header('content-disposition', `attachment; filename="${fileName}"`);
  return statementCsv(statement);
}
