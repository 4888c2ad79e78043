import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { apiErrorSchema } from '@nss/contracts';
import { cleanupOpenApiDoc, createZodDto } from '@nss/server-core';

/** The shape of every error response; the class name is the OpenAPI component name (`#/components/schemas/ApiError`). */
class ApiError extends createZodDto(apiErrorSchema) {}

const API_ERROR_REF = `#/components/schemas/${ApiError.name}`;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document of the API: response schemas come from the controllers (zod DTOs); every operation also gets
 * the `ApiError` schema as its `default` response, so error shapes are documented in one place.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Nông Sàn Số API')
    .setDescription('Sàn nông sản số và truy xuất nguồn gốc / Agricultural marketplace and traceability')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = cleanupOpenApiDoc(SwaggerModule.createDocument(app, config, { extraModels: [ApiError] }));
  return withDefaultErrorResponse(document);
}

/** Adds `default: ApiError` to every operation that does not declare its own default response. */
export function withDefaultErrorResponse(document: OpenAPIObject): OpenAPIObject {
  for (const pathItem of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      operation.responses['default'] ??= {
        description: 'Lỗi (thông điệp tiếng Việt và tiếng Anh) / error (Vietnamese and English message)',
        content: { 'application/json': { schema: { $ref: API_ERROR_REF } } },
      };
    }
  }
  return document;
}
