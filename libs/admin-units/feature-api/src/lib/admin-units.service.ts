import { Injectable } from '@nestjs/common';
import { convertOldCode, getProvince, listCommunes, listProvinces } from '@nss/admin-units';
import type { CommuneDto, ConversionDto, ConvertQuery, ProvinceDto } from '@nss/contracts';
import { AppError } from '@nss/server-core';

/** Read-only access to the vendored 2025 administrative units. */
@Injectable()
export class AdminUnitsService {
  provinces(): ProvinceDto[] {
    return listProvinces();
  }

  communes(provinceCode: string): CommuneDto[] {
    if (!getProvince(provinceCode)) throw AppError.notFound('tỉnh/thành phố', 'Province');
    return listCommunes(provinceCode);
  }

  convert(query: ConvertQuery): ConversionDto {
    const level = query.level ?? (query.code.length === 2 ? 'province' : 'commune');
    const result = convertOldCode({ level, code: query.code });
    if (!result) throw AppError.notFound('đơn vị hành chính cũ', 'Pre-2025 unit');
    return result;
  }
}
