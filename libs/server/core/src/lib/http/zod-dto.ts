/** Request/response DTO classes are made from the shared zod schemas; one schema validates and documents. */
export { createZodDto, ZodValidationPipe, ZodSerializerDto, ZodResponse, cleanupOpenApiDoc } from 'nestjs-zod';
