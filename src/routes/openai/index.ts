import type { FastifyInstance } from 'fastify'
import { requireIdentity } from '../../auth/require-identity.js'
import { OpenAiError } from '../../schemas/openai.js'
import type { ChatOptions } from '../chat.js'
import { openAiChatRoutes } from './chat-completions.js'
import { openAiModelRoutes } from './models.js'

/**
 * The OpenAI-compatible door (`/openai/v1`): OpenAI's Chat Completions API
 * over Sensay's chat, with the same identity, visibility, limits and streams
 * as /v1. Its errors are in OpenAI's shape (src/errors/openai-shape.ts).
 */
export async function openAiRoutes (app: FastifyInstance, options: ChatOptions): Promise<void> {
  app.addSchema(OpenAiError)
  requireIdentity(app)
  await app.register(openAiModelRoutes)
  const { streamIdleTimeoutMs, streamMaxDurationMs, streamMaxPartBytes, streamMaxPerUser } = options
  await app.register(openAiChatRoutes, { streamIdleTimeoutMs, streamMaxDurationMs, streamMaxPartBytes, streamMaxPerUser })
}
