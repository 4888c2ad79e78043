import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Address, AddressList } from '@nss/contracts';
import { Actor, CurrentActor, Roles } from '@nss/server-core';
import { AddressesService } from '../addresses/addresses.service';
import { AddressCreateDto, AddressDto, AddressIdParamsDto, AddressListDto, AddressPatchDto } from './orders.dto';

/** A buyer's address book (2025 units; at most 10, one default). Another buyer's address looks missing (404). */
@ApiTags('addresses')
@ApiBearerAuth()
@Roles('buyer')
@Controller('me/addresses')
export class AddressesController {
  constructor(private readonly addresses: AddressesService) {}

  @Get()
  @ApiOkResponse({ type: AddressListDto })
  list(@CurrentActor() actor: Actor): Promise<AddressList> {
    return this.addresses.list(actor);
  }

  @Post()
  @ApiCreatedResponse({ type: AddressDto })
  create(@CurrentActor() actor: Actor, @Body() body: AddressCreateDto): Promise<Address> {
    return this.addresses.create(actor, body);
  }

  @Patch(':id')
  @ApiOkResponse({ type: AddressDto })
  update(@CurrentActor() actor: Actor, @Param() { id }: AddressIdParamsDto, @Body() body: AddressPatchDto): Promise<Address> {
    return this.addresses.update(actor, id, body);
  }

  @Post(':id/default')
  @HttpCode(200)
  @ApiOkResponse({ type: AddressDto })
  makeDefault(@CurrentActor() actor: Actor, @Param() { id }: AddressIdParamsDto): Promise<Address> {
    return this.addresses.makeDefault(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param() { id }: AddressIdParamsDto): Promise<void> {
    await this.addresses.remove(actor, id);
  }
}
