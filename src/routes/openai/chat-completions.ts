import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { requireUser, type UserIdentity } from '../../auth/identity.js'
import { ReplicaAccess } from '../../auth/replica-access.js'
import { AppError, errors } from '../../errors/app-error.js'
import { OpenAiChatRequest, OpenAiCompletion, openAiErrorResponses, type OpenAiChatRequestT, type OpenAiCompletionT } from '../../schemas/openai.js'
import type { ChatCompletionResponseT } from '../../schemas/chat.js'
import { MAX_CONTENT } from '../../streams/ai-sdk-request.js'
import { OpenAiChunks, completionId } from '../../streams/openai-chunks.js'
import type { CallContext } from '../../upstream/sensay-client.js'
import { callContext } from '../../upstream/sensay-plugin.js'
import { relayStream } from '../../upstream/stream-relay.js'
import { unanswered } from '../../quotas/quotas-plugin.js'
import type { ChatOptions } from '../chat.js'
import { visibleReplicas } from '../replicas.js'

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/
const SLUG = /^[A-Za-z0-9_.-]{1,100}$/
// Parts a replica can read; anything else (images, audio, files) asks for what Sensay cannot do.
const TEXT_PARTS = new Set(['text', 'refusal'])

/** The same answer for a model that does not exist and one the caller may not see. */
const modelNotFound = (model: string) =>
  new AppError(404, 'MODEL_NOT_FOUND', `The model '${model}' does not exist or you do not have access to it.`, { details: [{ in: 'body', field: 'model', message: 'names no replica you may see' }] })

const unsupported = (param: string, why: string) => errors.invalidField('body', param, why)

/** Refuses, by name, what asks for more than a replica can give. */
function refuseUnsupported (body: OpenAiChatRequestT): void {
  if (typeof body.n === 'number' && body.n > 1) throw unsupported('n', 'must be 1: a replica gives one answer')
  if (Array.isArray(body.tools) && body.tools.length > 0) throw unsupported('tools', 'is not supported: replicas do not call tools')
  if (Array.isArray(body.functions) && body.functions.length > 0) throw unsupported('functions', 'is not supported: replicas do not call functions')
  if (body.tool_choice !== undefined && body.tool_choice !== null && body.tool_choice !== 'none' && body.tool_choice !== 'auto') throw unsupported('tool_choice', 'is not supported: replicas do not call tools')
  if (body.logprobs === true) throw unsupported('logprobs', 'is not supported')
  if (typeof body.top_logprobs === 'number' && body.top_logprobs > 0) throw unsupported('top_logprobs', 'is not supported')
  const format = body.response_format?.type
  if (format !== undefined && format !== 'text') throw unsupported('response_format', 'must be {"type": "text"}: replicas answer in text')
  if (Array.isArray(body.modalities) && body.modalities.some((m) => m !== 'text')) throw unsupported('modalities', 'must be ["text"]')
  if (body.audio !== undefined && body.audio !== null) throw unsupported('audio', 'is not supported: replicas answer in text')
  body.messages.forEach((message, i) => {
    if (!Array.isArray(message.content)) return
    message.content.forEach((part, j) => {
      if (!TEXT_PARTS.has(part.type)) throw unsupported(`messages[${i}].content[${j}]`, `is a "${part.type}" part: only text is supported`)
    })
  })
}

/** What Sensay is asked: the last user message's text (Sensay keeps the history itself). */
function contentOf (body: OpenAiChatRequestT): string {
  const index = body.messages.findLastIndex((message) => message.role === 'user')
  if (index === -1) throw errors.invalidField('body', 'messages', 'has no user message')
  const content = body.messages[index]!.content
  const text = typeof content === 'string'
    ? content
    : (content ?? []).map((part) => part.type === 'text' && typeof part.text === 'string' ? part.text : '').join('')
  if (text.trim() === '') throw errors.invalidField('body', `messages[${index}].content`, 'has no text')
  if (text.length > MAX_CONTENT) throw errors.invalidField('body', `messages[${index}].content`, `has more than ${MAX_CONTENT} characters of text`)
  return text
}

/** The replica a `model` names (its UUID, or a slug), if the caller may see it: one 404 otherwise. */
async function replicaFor (app: FastifyInstance, request: FastifyRequest, user: UserIdentity, model: string, ctx: CallContext): Promise<string> {
  let uuid = UUID.test(model) ? model.toLowerCase() : undefined
  if (uuid === undefined) {
    if (!SLUG.test(model)) throw modelNotFound(model)
    const { shown } = await visibleReplicas(app, request, { slug: model }, ctx)
    uuid = shown.find((entry) => entry.replica.slug === model)?.replica.uuid
    if (uuid === undefined) throw modelNotFound(model)
  }
  try {
    ctx.model = ReplicaAccess.modelOf(await app.replicaAccess.visible(user, uuid, ctx))
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404) throw modelNotFound(model)
    throw err
  }
  return uuid
}

export const openAiChatRoutes: FastifyPluginAsyncTypebox<ChatOptions> = async (app, options) => {
  app.post('/chat/completions', {
    config: { chatLimit: true },
    schema: {
      tags: ['OpenAI'],
      summary: 'OpenAI Chat Completions over a replica',
      description: '`model` is a replica\'s UUID or slug; the last user message is asked. JSON, or with `stream: true` SSE `chat.completion.chunk`s and `data: [DONE]`. ' +
        'Refused by name: `tools`, `functions`, `n` > 1, `logprobs`, a non-text `response_format`, audio, image and file parts. Other OpenAI parameters (temperature, max_tokens, ...) are accepted and not used.',
      body: OpenAiChatRequest,
      response: { 200: OpenAiCompletion, ...openAiErrorResponses }
    }
  }, async (request, reply) => {
    const user = requireUser(request.identity)
    const body = request.body
    refuseUnsupported(body)
    const content = contentOf(body)
    const ctx = callContext(request)
    const replicaUUID = await replicaFor(app, request, user, body.model, ctx)
    // A client that goes away aborts the upstream call, JSON or streamed.
    ctx.client = reply.raw
    const usageLimits = app.quotas.chatLimits(user)
    const call = {
      method: 'POST' as const,
      path: `/v1/replicas/${replicaUUID}/chat/completions`,
      userId: user.userId,
      body: { content, skip_chat_history: body.store === false ? true : undefined, source: 'web', ...(usageLimits === undefined ? {} : { usageLimits }) }
    }
    const charge = await app.quotas.admit(request, reply, user)
    if (body.stream !== true) {
      let answer: ChatCompletionResponseT
      try {
        answer = (await app.sensay.json<ChatCompletionResponseT>(call, ctx)).body
      } catch (err) {
        if (unanswered(err)) charge.refund()
        throw err
      }
      if (typeof answer.content !== 'string') throw errors.upstreamError({ cause: new Error('chat completion: upstream content is not a string') })
      const completion: OpenAiCompletionT = {
        id: completionId(),
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: body.model,
        system_fingerprint: null,
        choices: [{ index: 0, message: { role: 'assistant', content: answer.content, refusal: null }, logprobs: null, finish_reason: 'stop' }]
      }
      return completion
    }
    let release: (() => void) | undefined
    try {
      release = app.openStreams.reserve(user.userId, options.streamMaxPerUser)
      const upstream = await app.sensay.stream({ ...call, accept: 'text/event-stream' }, ctx, options.streamIdleTimeoutMs)
      const includeUsage = body.stream_options?.include_usage === true
      return await relayStream(request, reply, upstream, {
        maxDurationMs: options.streamMaxDurationMs,
        maxPartBytes: options.streamMaxPartBytes,
        openStreams: app.openStreams,
        encoder: (protocol, maxPartChars) => new OpenAiChunks(protocol, { model: body.model, includeUsage, maxPartChars }),
        release
      })
    } catch (err) {
      release?.()
      if (release === undefined || unanswered(err)) charge.refund()
      throw err
    }
  })
}
