// Generated from sensay-bff's OpenAPI document by packages/client/scripts/generate.mjs
// (npm run generate -w @sensay-bff/client). Do not edit: the test suite fails when it is stale.

export interface paths {
    "/auth/backchannel-logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** OpenID Connect Back-Channel Logout: the issuer ends sessions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/x-www-form-urlencoded": {
                        logout_token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ended: number;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/callback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finish the login: a new session, its cookie, and back to returnTo */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Start the login (OpenID Connect, code flow with PKCE) */
        get: {
            parameters: {
                query?: {
                    returnTo?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the session everywhere (needs X-CSRF: 1) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            endSessionUrl: string | null;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/auth/user": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session's user, or 401 */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email?: string;
                            /** @description When the session ends at the latest (it also ends after a period of inactivity). */
                            expiresAt: string;
                            name?: string;
                            success: boolean;
                            userId: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: no I/O */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            status: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openai/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * OpenAI Chat Completions over a replica
         * @description `model` is a replica's UUID or slug; the last user message is asked. JSON, or with `stream: true` SSE `chat.completion.chunk`s and `data: [DONE]`. Refused by name: `tools`, `functions`, `n` > 1, `logprobs`, a non-text `response_format`, audio, image and file parts. Other OpenAI parameters (temperature, max_tokens, ...) are accepted and not used.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        audio?: unknown;
                        function_call?: unknown;
                        functions?: unknown[] | null;
                        logprobs?: boolean | null;
                        /** @description The last user message's text is what the replica is asked; Sensay keeps the history itself. */
                        messages: ({
                            content?: string | null | ({
                                text?: string;
                                type: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            name?: string;
                            /** @enum {string} */
                            role: "system" | "developer" | "user" | "assistant" | "tool" | "function";
                        } & {
                            [key: string]: unknown;
                        })[];
                        modalities?: string[] | null;
                        /** @description A replica's UUID or slug the caller may see. */
                        model: string;
                        n?: number | null;
                        response_format?: ({
                            type: string;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        /** @description `false`: the exchange is not saved in the replica's chat history. */
                        store?: boolean | null;
                        stream?: boolean | null;
                        stream_options?: ({
                            include_usage?: boolean;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        tool_choice?: unknown;
                        tools?: unknown[] | null;
                        top_logprobs?: number | null;
                        /** @description Accepted and ignored: never an identity. */
                        user?: string;
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description OpenAI's chat.completion (`stream: true`: SSE chat.completion.chunk events, then `data: [DONE]`). */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            choices: {
                                finish_reason: string;
                                index: number;
                                logprobs: null;
                                message: {
                                    content: string;
                                    refusal: null;
                                    /** @enum {string} */
                                    role: "assistant";
                                };
                            }[];
                            created: number;
                            id: string;
                            model: string;
                            /** @enum {string} */
                            object: "chat.completion";
                            system_fingerprint: null;
                        };
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openai/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The replicas the caller may see, as OpenAI models */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            data: {
                                created: number;
                                id: string;
                                /** @enum {string} */
                                object: "model";
                                owned_by: string;
                            }[];
                            /** @enum {string} */
                            object: "list";
                        };
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
                /** @description Every error on the OpenAI door, in OpenAI's shape. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-1"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: upstream (and Redis, when configured) reachable; 503 with the failed checks otherwise */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            checks: {
                                redis?: string;
                                upstream: string;
                            };
                            status: string;
                        };
                    };
                };
                /** @description Not ready: { status, checks }; or the error shape while shutting down or overloaded. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": unknown;
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/experimental/replicas/{replicaUUID}/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Generate a completion (OpenAI-compatible, non-streaming) (visible) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A list of messages that make up the conversation context. Only the last message is used for completion. */
                        messages: {
                            /** @description The content of the message. */
                            content: string;
                            /** @description An optional name for the participant. Provides the model information to differentiate between participants of the same role. */
                            name?: string;
                            /**
                             * @description The role of the message author. Can be "assistant", "developer", "system", "tool", or "user".
                             * @enum {string}
                             */
                            role: "assistant" | "developer" | "system" | "tool" | "user";
                        }[];
                        /**
                         * @description Only `web`: the BFF sets it.
                         * @default web
                         * @enum {string}
                         */
                        source?: "web";
                        /**
                         * @description When set to false, historical messages are not used in the context, and the message is not appended to the conversation history.
                         * @default true
                         */
                        store?: boolean;
                    };
                };
            };
            responses: {
                /** @description The response format for chat completions. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description An array of chat completion choices. */
                            choices: {
                                /**
                                 * @description The reason the model stopped generating tokens.
                                 * @enum {string}
                                 */
                                finish_reason: "stop" | "length" | "tool_calls" | "content_filter" | "function_call";
                                /** @description The index of the choice in the array. */
                                index: number;
                                /** @description Log probabilities for token generation if requested. */
                                logprobs?: unknown;
                                /** @description The message generated by the model. */
                                message: {
                                    /** @description The content of the message. */
                                    content: string;
                                    /**
                                     * @description The role of the message author, which is always "assistant" for completions.
                                     * @enum {string}
                                     */
                                    role: "assistant";
                                    /** @description The tool calls generated by the model, such as function calls. */
                                    tool_calls?: unknown[];
                                };
                            }[];
                            /** @description The Unix timestamp (in seconds) of when the chat completion was created. */
                            created: number;
                            /** @description A unique identifier for the chat completion. */
                            id: string;
                            /** @description The model used for the chat completion. */
                            model: string;
                            /**
                             * @description The object type, which is always "chat.completion"
                             * @enum {string}
                             */
                            object: "chat.completion";
                            /** @description Usage statistics for the completion request. */
                            usage: {
                                /** @description Number of tokens in the generated completion. */
                                completion_tokens: number;
                                /** @description Number of tokens in the prompt. */
                                prompt_tokens: number;
                                /** @description Total number of tokens used (prompt + completion). */
                                total_tokens: number;
                            };
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/knowledge-base": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Knowledge base entries across replicas (admin: all; users: of replicas they own) */
        get: {
            parameters: {
                query?: {
                    hasError?: "true" | "false";
                    page?: number;
                    pageSize?: number;
                    search?: string;
                    sortBy?: "createdAt";
                    sortOrder?: "asc" | "desc";
                    status?: ("NEW" | "FILE_UPLOADED" | "RAW_TEXT" | "PROCESSED_TEXT" | "VECTOR_CREATED" | "READY" | "UNPROCESSABLE")[];
                    type?: ("file" | "text" | "website" | "youtube")[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                error?: {
                                    message?: string;
                                };
                                file?: {
                                    mimeType?: string | null;
                                    name: string;
                                    size?: number | null;
                                };
                                generatedTitle?: string;
                                id: number;
                                language?: string;
                                replicaUUID?: string;
                                status: string;
                                summary?: string;
                                title?: string;
                                type: string;
                                updatedAt: string;
                                url?: string;
                                website?: {
                                    autoRefresh?: boolean;
                                    description?: string;
                                    title?: string;
                                    url: string;
                                };
                                youtube?: {
                                    description?: string;
                                    thumbnailURL?: string;
                                    title?: string;
                                    url: string;
                                };
                            }[];
                            success: boolean;
                            total: number;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/knowledge-base/{knowledgeBaseID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A knowledge base entry by id (of a replica the caller owns) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A positive integer. */
                    knowledgeBaseID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            error?: {
                                message?: string;
                            };
                            file?: {
                                mimeType?: string | null;
                                name: string;
                                size?: number | null;
                            };
                            generatedFacts?: string[];
                            generatedTitle?: string;
                            id: number;
                            language?: string;
                            rawText?: string;
                            rawTextChunks?: {
                                chunkChars?: number;
                                chunkIndex?: number;
                                chunkTokens?: number;
                                content?: string;
                            }[];
                            replicaUUID?: string;
                            status: string;
                            success: boolean;
                            summary?: string;
                            title?: string;
                            type: string;
                            updatedAt: string;
                            url?: string;
                            website?: {
                                autoRefresh?: boolean;
                                description?: string;
                                title?: string;
                                url: string;
                            };
                            youtube?: {
                                description?: string;
                                thumbnailURL?: string;
                                title?: string;
                                url: string;
                            };
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a knowledge base entry by id (of a replica the caller owns) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A positive integer. */
                    knowledgeBaseID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            success: boolean;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a knowledge base entry by id (of a replica the caller owns) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A positive integer. */
                    knowledgeBaseID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        error?: {
                            fingerprint?: string;
                            message: string;
                        };
                        file?: {
                            mimeType?: ("application/epub+zip" | "application/json" | "application/msword" | "application/pdf" | "application/rtf" | "application/vnd.ms-excel" | "application/vnd.ms-excel.sheet.binary.macroenabled.12" | "application/vnd.ms-excel.sheet.macroEnabled.12" | "application/vnd.ms-powerpoint" | "application/vnd.oasis.opendocument.spreadsheet" | "application/vnd.openxmlformats-officedocument.presentationml.presentation" | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" | "application/x-sas-data" | "application/x-sas-xport" | "application/x-stata" | "application/x-stata-dta" | "application/yaml" | "audio/aac" | "audio/flac" | "audio/mp3" | "audio/mpeg" | "audio/ogg" | "audio/wav" | "image/bmp" | "image/heic" | "image/heif" | "image/jpeg" | "image/png" | "image/tif" | "image/tiff" | "image/webp" | "text/css" | "text/csv" | "text/html" | "text/javascript" | "text/markdown" | "text/plain" | "text/tab-separated-values" | "text/xml" | "video/avi" | "video/mov" | "video/mp4" | "video/mpeg" | "video/mpg" | "video/quicktime" | "video/webm" | "video/x-matroska" | "video/x-msvideo") | null;
                            name?: string;
                            screenshot?: string;
                            size?: number | null;
                        };
                        generatedFacts?: string[];
                        generatedTitle?: string;
                        /** @enum {string} */
                        language?: "ab" | "aa" | "af" | "ak" | "sq" | "am" | "ar" | "an" | "hy" | "as" | "av" | "ae" | "ay" | "az" | "ba" | "bm" | "eu" | "be" | "bn" | "bh" | "bi" | "bs" | "br" | "bg" | "my" | "ca" | "ch" | "ce" | "ny" | "zh" | "cu" | "cv" | "kw" | "co" | "cr" | "hr" | "cs" | "da" | "dv" | "nl" | "dz" | "en" | "eo" | "et" | "ee" | "fo" | "fj" | "fi" | "fr" | "ff" | "gl" | "ka" | "de" | "el" | "kl" | "gn" | "gu" | "ht" | "ha" | "he" | "hz" | "hi" | "ho" | "hu" | "is" | "io" | "ig" | "id" | "ia" | "ie" | "iu" | "ik" | "ga" | "it" | "ja" | "jv" | "kn" | "kr" | "ks" | "kk" | "km" | "ki" | "rw" | "ky" | "kv" | "kg" | "ko" | "ku" | "kj" | "la" | "lb" | "lg" | "li" | "ln" | "lo" | "lt" | "lu" | "lv" | "gv" | "mk" | "mg" | "ms" | "ml" | "mt" | "mi" | "mr" | "mh" | "mn" | "na" | "nv" | "nd" | "ne" | "ng" | "nb" | "nn" | "no" | "ii" | "nr" | "oc" | "oj" | "om" | "or" | "os" | "pa" | "pi" | "fa" | "pl" | "ps" | "pt" | "qu" | "rm" | "rn" | "ro" | "ru" | "sa" | "sc" | "sd" | "se" | "sm" | "sg" | "sr" | "gd" | "sn" | "si" | "sk" | "sl" | "so" | "st" | "es" | "su" | "sw" | "ss" | "sv" | "ta" | "te" | "tg" | "th" | "ti" | "bo" | "tk" | "tl" | "tn" | "to" | "tr" | "ts" | "tt" | "tw" | "ty" | "ug" | "uk" | "ur" | "uz" | "ve" | "vi" | "vo" | "wa" | "cy" | "wo" | "xh" | "yi" | "yo" | "za" | "zu";
                        rawText?: string;
                        rawTextChunks?: ({
                            chunkChars?: number;
                            chunkIndex?: number;
                            chunkTokens?: number;
                            content?: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /**
                         * @description Only `NEW`: reprocess the entry.
                         * @enum {string}
                         */
                        status?: "NEW";
                        summary?: string;
                        title?: string;
                        website?: {
                            autoRefresh?: boolean;
                            description?: string;
                            links?: string[];
                            screenshot?: string;
                            screenshotURL?: string;
                            text?: string;
                            title?: string;
                            /** Format: uri */
                            url?: string;
                        };
                        youtube?: {
                            description?: string;
                            summary?: string;
                            /** Format: uri */
                            thumbnailURL?: string;
                            title?: string;
                            transcription?: string;
                            /** Format: uri */
                            url?: string;
                            visualTranscription?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/knowledge-base/file-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get supported file types (any) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description List of supported media groups with their file types */
                            mediaGroups: {
                                /** @description List of supported file types in this media group */
                                fileTypes: {
                                    /** @description Supported file extensions for this file type */
                                    extensions: string[];
                                    /** @description Supported MIME types for this file type */
                                    mimeTypes: string[];
                                    /**
                                     * @description Support level for this file type
                                     * @enum {string}
                                     */
                                    supportLevel: "production" | "preview" | "disabled";
                                }[];
                                /** @description Human-readable label for this media group */
                                label: string;
                                /** @description Optional limitation or constraint for this media group */
                                limitation?: string;
                                /**
                                 * @description Type of media this group represents
                                 * @enum {string}
                                 */
                                mediaType: "document" | "data" | "image" | "audio" | "video" | "ebook";
                            }[];
                            /** @description Indicates if the request was successful */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Replicas the caller may see */
        get: {
            parameters: {
                query?: {
                    integration?: "telegram" | "discord";
                    owner_uuid?: string;
                    ownerID?: string;
                    page?: number;
                    /** @description Deprecated upstream; still accepted. */
                    page_index?: number;
                    page_size?: number;
                    search?: string;
                    slug?: string;
                    sort?: "name" | "popularity";
                    tags?: ("AI" | "Academic" | "Arts" | "Blockchain" | "Business" | "Celebrity" | "Charity" | "Developer" | "Educator" | "Europe" | "Fashion" | "Finance" | "Food" | "Health & Fitness" | "History" | "Italian" | "Kids" | "Language" | "Law" | "Leadership" | "Lifestyle" | "Literature" | "Love" | "Military" | "Modelling" | "Motivation" | "Movies" | "Music" | "North America" | "Philosophy" | "Politics" | "Religion" | "Science" | "Self-Help" | "Sensay" | "Sports" | "Technology" | "Web" | "Wisdom" | "blockchain" | "engage2earn" | "female" | "investment" | "male" | "meme" | "miniapp" | "telegram" | "web3")[];
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["def-2"][];
                            success: boolean;
                            total: number;
                            type?: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create a replica owned by the caller */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        greeting: string;
                        isEveryConversationAccessibleBySupport?: boolean;
                        llm: {
                            /** @enum {string} */
                            embeddingModel?: "multilingual-e5-large" | "qwen3-embedding-8b";
                            /**
                             * @description Deprecated upstream; still accepted.
                             * @enum {string}
                             */
                            memoryMode?: "prompt-caching" | "rag-search";
                            /**
                             * @description The LLM model of the replica.
                             * @enum {string}
                             */
                            model?: "asi1-mini" | "claude-3-7-sonnet-latest" | "claude-haiku-4-5" | "claude-sonnet-4-5" | "deepseek-chat" | "gemini-2.5-flash" | "gemini-2.5-pro" | "gpt-4o" | "gpt-4o-mini" | "gpt-5" | "gpt-5-mini" | "gpt-5-nano" | "grok-3-latest" | "grok-4-latest" | "o3-mini" | "targon-gpt-oss-120b" | "mistral-large" | "claude-4-sonnet-20250514" | "grok-2-latest" | "grok-3-beta";
                            systemMessage?: string;
                            tools?: ("getTokenInfo" | "getUdaoTokenInfo" | "getSensayTokenInfo" | "getTokenInfoMEAI" | "answerToLife" | "toolhouse" | "brightUnionGetQuoteTool" | "brightUnionGetCoverablesTool")[];
                        } & {
                            [key: string]: unknown;
                        };
                        name: string;
                        /** @description The caller (an admin key may name an existing user on create). */
                        ownerID?: string;
                        private?: boolean;
                        profileImage?: string;
                        purpose?: string;
                        shortDescription: string;
                        slug: string;
                        suggestedQuestions?: string[];
                        tags?: string[];
                        /** @enum {string} */
                        type?: "individual" | "character" | "brand";
                        voicePreviewText?: string;
                        whitelistEmails?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            success: boolean;
                            /**
                             * Format: uuid
                             * @description A UUID.
                             */
                            uuid: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A replica (public projection unless owner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Owner and admins only. */
                            distilledKnowledge?: string;
                            greeting: string;
                            /** @description Owner and admins only. */
                            isEveryConversationAccessibleBySupport?: boolean;
                            /** @description Owner and admins only. */
                            llm?: {
                                embeddingModel?: string;
                                memoryMode?: string;
                                model?: string;
                                systemMessage?: string;
                                tools?: string[];
                            };
                            name: string;
                            /** @description Owner and admins only. */
                            ownerID?: string;
                            private?: boolean;
                            profileImage?: string;
                            purpose?: string;
                            shortDescription: string;
                            slug: string;
                            success: boolean;
                            suggestedQuestions?: string[];
                            tags?: string[];
                            type?: string;
                            /**
                             * Format: uuid
                             * @description A UUID.
                             */
                            uuid: string;
                            voicePreviewText?: string;
                            /** @description Owner and admins only. */
                            whitelistEmails?: string[];
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /** Replace a replica (owner or admin) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        greeting: string;
                        isEveryConversationAccessibleBySupport?: boolean;
                        llm: {
                            /** @enum {string} */
                            embeddingModel?: "multilingual-e5-large" | "qwen3-embedding-8b";
                            /**
                             * @description Deprecated upstream; still accepted.
                             * @enum {string}
                             */
                            memoryMode?: "prompt-caching" | "rag-search";
                            /**
                             * @description The LLM model of the replica.
                             * @enum {string}
                             */
                            model?: "asi1-mini" | "claude-3-7-sonnet-latest" | "claude-haiku-4-5" | "claude-sonnet-4-5" | "deepseek-chat" | "gemini-2.5-flash" | "gemini-2.5-pro" | "gpt-4o" | "gpt-4o-mini" | "gpt-5" | "gpt-5-mini" | "gpt-5-nano" | "grok-3-latest" | "grok-4-latest" | "o3-mini" | "targon-gpt-oss-120b" | "mistral-large" | "claude-4-sonnet-20250514" | "grok-2-latest" | "grok-3-beta";
                            systemMessage?: string;
                            tools?: ("getTokenInfo" | "getUdaoTokenInfo" | "getSensayTokenInfo" | "getTokenInfoMEAI" | "answerToLife" | "toolhouse" | "brightUnionGetQuoteTool" | "brightUnionGetCoverablesTool")[];
                        };
                        name: string;
                        /** @description The caller (an admin key may name an existing user on create). */
                        ownerID?: string;
                        private?: boolean;
                        profileImage?: string;
                        purpose?: string;
                        shortDescription: string;
                        slug: string;
                        suggestedQuestions?: string[];
                        tags?: string[];
                        /** @enum {string} */
                        type?: "individual" | "character" | "brand";
                        voicePreviewText?: string;
                        whitelistEmails?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        /** Delete a replica (owner or admin) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/analytics/conversations/historical": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get replica historical conversation analytics (owner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description List of daily cumulative conversation counts for the last 30 days. The cutoff for counting conversations towards a specific day is UTC midnight. */
                            items: {
                                /** @description The cumulative number of conversations up to this date. */
                                cumulativeConversations: number;
                                /** @description The date in YYYY-MM-DD format. */
                                date: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/analytics/conversations/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get replica source analytics (owner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description List of conversation counts by source for the replica, as of today. */
                            items: {
                                /** @description The total number of conversations from this source. */
                                conversations: number;
                                /**
                                 * @description The source of the conversations.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Chat with a replica
         * @description Sensay's body: JSON by default; with `Accept: text/event-stream` Sensay's stream passed through as it arrives. The AI SDK `useChat` bodies: answered in the stream protocol that client reads (v5+: UI message stream; v4: data stream), translated part by part when Sensay streams the other one.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            /** @description Sensay's `{content, skip_chat_history?, source?}`, or the body the AI SDK's `useChat` sends (v5+: `messages[].parts`, v4: `messages[].content`). */
            requestBody: {
                content: {
                    "application/json": {
                        content: string;
                        skip_chat_history?: boolean;
                        /**
                         * @description Only `web`: the BFF is a web client.
                         * @enum {string}
                         */
                        source?: "web";
                    } | ({
                        id: string;
                        messageId?: string;
                        messages: ({
                            /** @description AI SDK 4: the message text. */
                            content?: unknown;
                            id?: string;
                            parts?: ({
                                text?: unknown;
                                type: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            role: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        skip_chat_history?: boolean;
                        trigger?: string;
                    } & {
                        [key: string]: unknown;
                    });
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            content: string;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chat/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session user's chat history with a replica */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: {
                                content: string;
                                created_at: string;
                                id: number;
                                is_private?: boolean;
                                original_message_id?: string | null;
                                /** @enum {string} */
                                role: "user" | "assistant";
                                /** @enum {string} */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                sources?: {
                                    content: string;
                                    created_at: string;
                                    id: number;
                                    name: string;
                                    score: number;
                                    status: string;
                                }[];
                                user_uuid?: string;
                            }[];
                            success: boolean;
                            type?: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Create a chat history entry (visible) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Content of the message */
                        content: string;
                        /**
                         * @description Only `web`: the BFF sets it.
                         * @enum {string}
                         */
                        source?: "web";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chat/history/discord": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Discord chat history (visible) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: {
                                /** @description The content of the message */
                                content: string;
                                /** @description The date and time the message was created */
                                created_at: string;
                                /** @description The ID of the message */
                                id: number;
                                /** @description Whether the replica is private */
                                is_private: boolean;
                                /** @description The ID of the message from the LLM. Present when role is assistant. Will be removed in the future. */
                                original_message_id: string | null;
                                /**
                                 * @description The role of the message
                                 * @enum {string}
                                 */
                                role: "user" | "assistant";
                                /**
                                 * @description From which platform is message was sent from
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The sources of information used to create the response via RAG (Retrieval-Augmented Generation) */
                                sources: {
                                    /** @description The actual content retrieved from the source */
                                    content: string;
                                    /** @description When the source was created */
                                    created_at: string;
                                    /** @description The ID of the source */
                                    id: number;
                                    /** @description The name of the source */
                                    name: string;
                                    /** @description Relevance score of the source */
                                    score: number;
                                    /**
                                     * @description If the source has ever been scored or not
                                     * @enum {string}
                                     */
                                    status: "scored" | "unscored";
                                }[];
                                /** @description The UUID of the user */
                                user_uuid: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                            type: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chat/history/embed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Embed chat history (visible) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: {
                                /** @description The content of the message */
                                content: string;
                                /** @description The date and time the message was created */
                                created_at: string;
                                /** @description The ID of the message */
                                id: number;
                                /** @description Whether the replica is private */
                                is_private: boolean;
                                /** @description The ID of the message from the LLM. Present when role is assistant. Will be removed in the future. */
                                original_message_id: string | null;
                                /**
                                 * @description The role of the message
                                 * @enum {string}
                                 */
                                role: "user" | "assistant";
                                /**
                                 * @description From which platform is message was sent from
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The sources of information used to create the response via RAG (Retrieval-Augmented Generation) */
                                sources: {
                                    /** @description The actual content retrieved from the source */
                                    content: string;
                                    /** @description When the source was created */
                                    created_at: string;
                                    /** @description The ID of the source */
                                    id: number;
                                    /** @description The name of the source */
                                    name: string;
                                    /** @description Relevance score of the source */
                                    score: number;
                                    /**
                                     * @description If the source has ever been scored or not
                                     * @enum {string}
                                     */
                                    status: "scored" | "unscored";
                                }[];
                                /** @description The UUID of the user */
                                user_uuid: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                            type: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chat/history/telegram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Telegram chat history (visible) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: {
                                /** @description The content of the message */
                                content: string;
                                /** @description The date and time the message was created */
                                created_at: string;
                                /** @description The ID of the message */
                                id: number;
                                /** @description Whether the replica is private */
                                is_private: boolean;
                                /** @description The ID of the message from the LLM. Present when role is assistant. Will be removed in the future. */
                                original_message_id: string | null;
                                /**
                                 * @description The role of the message
                                 * @enum {string}
                                 */
                                role: "user" | "assistant";
                                /**
                                 * @description From which platform is message was sent from
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The sources of information used to create the response via RAG (Retrieval-Augmented Generation) */
                                sources: {
                                    /** @description The actual content retrieved from the source */
                                    content: string;
                                    /** @description When the source was created */
                                    created_at: string;
                                    /** @description The ID of the source */
                                    id: number;
                                    /** @description The name of the source */
                                    name: string;
                                    /** @description Relevance score of the source */
                                    score: number;
                                    /**
                                     * @description If the source has ever been scored or not
                                     * @enum {string}
                                     */
                                    status: "scored" | "unscored";
                                }[];
                                /** @description The UUID of the user */
                                user_uuid: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                            type: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chat/history/web": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Web chat history (visible) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items?: {
                                /** @description The content of the message */
                                content: string;
                                /** @description The date and time the message was created */
                                created_at: string;
                                /** @description The ID of the message */
                                id: number;
                                /** @description Whether the replica is private */
                                is_private: boolean;
                                /** @description The ID of the message from the LLM. Present when role is assistant. Will be removed in the future. */
                                original_message_id: string | null;
                                /**
                                 * @description The role of the message
                                 * @enum {string}
                                 */
                                role: "user" | "assistant";
                                /**
                                 * @description From which platform is message was sent from
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The sources of information used to create the response via RAG (Retrieval-Augmented Generation) */
                                sources: {
                                    /** @description The actual content retrieved from the source */
                                    content: string;
                                    /** @description When the source was created */
                                    created_at: string;
                                    /** @description The ID of the source */
                                    id: number;
                                    /** @description The name of the source */
                                    name: string;
                                    /** @description Relevance score of the source */
                                    score: number;
                                    /**
                                     * @description If the source has ever been scored or not
                                     * @enum {string}
                                     */
                                    status: "scored" | "unscored";
                                }[];
                                /** @description The UUID of the user */
                                user_uuid: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                            type: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List replica's chats (owner) */
        get: {
            parameters: {
                query?: {
                    /** @description The page number. */
                    page?: number;
                    /** @description The number of items per page. */
                    pageSize?: number;
                    /** @description Sort criteria. */
                    sortBy?: "replicaReplies" | "firstMessageAt" | "lastReplicaReplyAt";
                    /** @description The order of the sort. */
                    sortOrder?: "asc" | "desc";
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The image URL of the chat. This can be the profile image of the user or the group. */
                                chatImageURL?: string;
                                /** @description The name of the chat. This can be the name of the user or the name of the group. */
                                chatName?: string;
                                /**
                                 * @description The type of chat.
                                 * @enum {string}
                                 */
                                chatType: "individual" | "group";
                                /** @description The timestamp of the first message in the chat. */
                                firstMessageAt: string;
                                /** @description The timestamp of the last message in the chat. */
                                lastMessageAt: string;
                                /** @description The timestamp of the last assistant reply in the chat. */
                                lastReplicaReplyAt?: string;
                                /** @description Total messages in this chat. */
                                messageCount: number;
                                /** @description The total number of assistant replies in this chat. */
                                replicaReplyCount: number;
                                /**
                                 * @description The source of the chat.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The chat UUID. */
                                uuid: string;
                            }[];
                            success?: boolean;
                            /** @description The total number of chats for this replica. */
                            total: number;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chats/{chatUUID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get chat details (owner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    chatUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            chat: {
                                /** @description The image URL of the chat. This can be the profile image of the user or the group. */
                                chatImageURL?: string;
                                /** @description The name of the chat. This can be the name of the user or the name of the group. */
                                chatName?: string;
                                /**
                                 * @description The type of chat.
                                 * @enum {string}
                                 */
                                chatType: "individual" | "group";
                                /** @description The timestamp of the first message in the chat. */
                                firstMessageAt: string;
                                /** @description The timestamp of the last message in the chat. */
                                lastMessageAt: string;
                                /** @description The timestamp of the last assistant reply in the chat. */
                                lastReplicaReplyAt?: string;
                                /** @description Total messages in this chat. */
                                messageCount: number;
                                /** @description The total number of assistant replies in this chat. */
                                replicaReplyCount: number;
                                /**
                                 * @description The source of the chat.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The chat UUID. */
                                uuid: string;
                            };
                            success?: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List conversations in a specific chat (owner) */
        get: {
            parameters: {
                query?: {
                    /** @description The page number. */
                    page?: number;
                    /** @description The number of items per page. */
                    pageSize?: number;
                    /** @description Sort criteria. */
                    sortBy?: "replicaReplies" | "firstMessageAt" | "lastReplicaReplyAt";
                    /** @description The order of the sort. */
                    sortOrder?: "asc" | "desc";
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    chatUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The chat UUID to which this conversation belongs. */
                                chatUUID: string;
                                /** @description The image URL of the conversation. This can be the profile image of the user or the group. */
                                conversationImageURL?: string;
                                /** @description The name of the conversation. This can be the name of the user or the name of the group. */
                                conversationName?: string;
                                /**
                                 * @description The type of conversation.
                                 * @enum {string}
                                 */
                                conversationType: "individual" | "group";
                                /** @description The timestamp of the first message in the conversation. */
                                firstMessageAt?: string;
                                /** @description The timestamp of the last message in the conversation. */
                                lastMessageAt?: string;
                                /** @description The timestamp of the last assistant reply in the conversation. */
                                lastReplicaReplyAt?: string;
                                /** @description The total number of messages in the conversation. */
                                messageCount: number;
                                /** @description The total number of assistant replies in the conversation. */
                                replicaReplyCount: number;
                                /**
                                 * @description The source of the conversation.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The conversation UUID. */
                                uuid: string;
                            }[];
                            /**
                             * @description Indicates the request was successful
                             * @enum {boolean}
                             */
                            success: true;
                            /** @description The total number of conversations for this replica. */
                            total: number;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations/{conversationUUID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a chat conversation details (owner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    chatUUID: string;
                    /** @description A UUID. */
                    conversationUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The chat UUID to which this conversation belongs. */
                            chatUUID: string;
                            /** @description The image URL of the conversation. This can be the profile image of the user or the group. */
                            conversationImageURL?: string;
                            /** @description The name of the conversation. This can be the name of the user or the name of the group. */
                            conversationName?: string;
                            /**
                             * @description The type of conversation.
                             * @enum {string}
                             */
                            conversationType: "individual" | "group";
                            /** @description The timestamp of the first message in the conversation. */
                            firstMessageAt?: string;
                            /** @description The timestamp of the last message in the conversation. */
                            lastMessageAt?: string;
                            /** @description The timestamp of the last assistant reply in the conversation. */
                            lastReplicaReplyAt?: string;
                            /** @description The total number of messages in the conversation. */
                            messageCount: number;
                            /** @description The total number of assistant replies in the conversation. */
                            replicaReplyCount: number;
                            /**
                             * @description The source of the conversation.
                             * @enum {string}
                             */
                            source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                            /**
                             * @description Indicates the request was successful
                             * @enum {boolean}
                             */
                            success: true;
                            /** @description The conversation UUID. */
                            uuid: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chats/{chatUUID}/conversations/{conversationUUID}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List messages in a chat conversation (owner) */
        get: {
            parameters: {
                query?: {
                    /** @description Only show messages after given message UUID. Excludes given message UUID. */
                    afterUUID?: string;
                    /** @description Only show messages before given message UUID. Excludes given message UUID. */
                    beforeUUID?: string;
                    /** @description The number of messages to fetch. */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    chatUUID: string;
                    /** @description A UUID. */
                    conversationUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The content of the message. */
                                content: string;
                                /** @description The date and time the message was created. */
                                createdAt: string;
                                /** @description The replica unique identifier (UUID) */
                                replicaUUID: string;
                                /**
                                 * @description The role of the message sender.
                                 * @enum {string}
                                 */
                                role: "user" | "assistant";
                                /** @description The name of the message sender, if available. */
                                senderName?: string;
                                /** @description The avatar URL of the message sender, if available. */
                                senderProfileImageURL?: string;
                                /**
                                 * @description The source of the message.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The UUID of the message. */
                                uuid: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/chats/{chatUUID}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List messages in a chat conversation (owner) */
        get: {
            parameters: {
                query?: {
                    /** @description Only show messages after given message UUID. Excludes given message UUID. */
                    afterUUID?: string;
                    /** @description Only show messages before given message UUID. Excludes given message UUID. */
                    beforeUUID?: string;
                    /** @description The number of messages to fetch. */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    chatUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The content of the message. */
                                content: string;
                                /** @description The date and time the message was created. */
                                createdAt: string;
                                /** @description The replica unique identifier (UUID) */
                                replicaUUID: string;
                                /**
                                 * @description The role of the message sender.
                                 * @enum {string}
                                 */
                                role: "user" | "assistant";
                                /** @description The name of the message sender, if available. */
                                senderName?: string;
                                /** @description The avatar URL of the message sender, if available. */
                                senderProfileImageURL?: string;
                                /**
                                 * @description The source of the message.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The UUID of the message. */
                                uuid: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List replica's conversations (owner) */
        get: {
            parameters: {
                query?: {
                    /** @description The page number. */
                    page?: number;
                    /** @description The number of items per page. */
                    pageSize?: number;
                    /** @description Sort criteria. */
                    sortBy?: "replicaReplies" | "firstMessageAt" | "lastReplicaReplyAt";
                    /** @description The order of the sort. */
                    sortOrder?: "asc" | "desc";
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The chat UUID to which this conversation belongs. */
                                chatUUID: string;
                                /** @description The image URL of the conversation. This can be the profile image of the user or the group. */
                                conversationImageURL?: string;
                                /** @description The name of the conversation. This can be the name of the user or the name of the group. */
                                conversationName?: string;
                                /**
                                 * @description The type of conversation.
                                 * @enum {string}
                                 */
                                conversationType: "individual" | "group";
                                /** @description The timestamp of the first message in the conversation. */
                                firstMessageAt?: string;
                                /** @description The timestamp of the last message in the conversation. */
                                lastMessageAt?: string;
                                /** @description The timestamp of the last assistant reply in the conversation. */
                                lastReplicaReplyAt?: string;
                                /** @description The total number of messages in the conversation. */
                                messageCount: number;
                                /** @description The total number of assistant replies in the conversation. */
                                replicaReplyCount: number;
                                /**
                                 * @description The source of the conversation.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The conversation UUID. */
                                uuid: string;
                            }[];
                            /**
                             * @description Indicates the request was successful
                             * @enum {boolean}
                             */
                            success: true;
                            /** @description The total number of conversations for this replica. */
                            total: number;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/conversations/{conversationUUID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get conversation details (owner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    conversationUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The chat UUID to which this conversation belongs. */
                            chatUUID: string;
                            /** @description The image URL of the conversation. This can be the profile image of the user or the group. */
                            conversationImageURL?: string;
                            /** @description The name of the conversation. This can be the name of the user or the name of the group. */
                            conversationName?: string;
                            /**
                             * @description The type of conversation.
                             * @enum {string}
                             */
                            conversationType: "individual" | "group";
                            /** @description The timestamp of the first message in the conversation. */
                            firstMessageAt?: string;
                            /** @description The timestamp of the last message in the conversation. */
                            lastMessageAt?: string;
                            /** @description The timestamp of the last assistant reply in the conversation. */
                            lastReplicaReplyAt?: string;
                            /** @description The total number of messages in the conversation. */
                            messageCount: number;
                            /** @description The total number of assistant replies in the conversation. */
                            replicaReplyCount: number;
                            /**
                             * @description The source of the conversation.
                             * @enum {string}
                             */
                            source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                            /**
                             * @description Indicates the request was successful
                             * @enum {boolean}
                             */
                            success: true;
                            /** @description The conversation UUID. */
                            uuid: string;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update conversation details (owner) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    conversationUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Common questions asked in this conversation. */
                        commonQuestions?: string[];
                        /** @description Common topics discussed in this conversation. */
                        commonTopics?: string[];
                        /** @description The summary of the conversation. */
                        summary?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/conversations/{conversationUUID}/mentions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List mentions in a conversation (owner) */
        get: {
            parameters: {
                query?: {
                    /** @description Only returns results after the given message UUID. Excludes given message UUID. */
                    afterUUID?: string;
                    /** @description Only returns results before the given message UUID. Excludes given message UUID. */
                    beforeUUID?: string;
                    /** @description The number of items to fetch. A group of messages is counted as 1 item and a placeholder is counted as 1 item. */
                    limit?: number;
                    /** @description The minimum number of messages to include in the placeholder. Placeholders with less than this number of messages will be expanded into messages. */
                    minimumMessagesInPlaceholder?: number;
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    conversationUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Whether there are more items available beyond the current page */
                            hasMore: boolean;
                            items: ({
                                messages: {
                                    /** @description The content of the message. */
                                    content: string;
                                    /** @description The date and time the message was created. */
                                    createdAt: string;
                                    /** @description The replica unique identifier (UUID) */
                                    replicaUUID: string;
                                    /**
                                     * @description The role of the message sender.
                                     * @enum {string}
                                     */
                                    role: "user" | "assistant";
                                    /** @description The name of the message sender, if available. */
                                    senderName?: string;
                                    /** @description The avatar URL of the message sender, if available. */
                                    senderProfileImageURL?: string;
                                    /**
                                     * @description The source of the message.
                                     * @enum {string}
                                     */
                                    source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                    /** @description The UUID of the message. */
                                    uuid: string;
                                }[];
                                /** @enum {string} */
                                type: "mention";
                            } | {
                                /** @description The number of messages collapsed into this placeholder */
                                count: number;
                                /** @enum {string} */
                                type: "placeholder";
                            })[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/conversations/{conversationUUID}/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List messages in a conversation (owner) */
        get: {
            parameters: {
                query?: {
                    /** @description Only show messages after given message UUID. Excludes given message UUID. */
                    afterUUID?: string;
                    /** @description Only show messages before given message UUID. Excludes given message UUID. */
                    beforeUUID?: string;
                    /** @description The number of messages to fetch. */
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    conversationUUID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The content of the message. */
                                content: string;
                                /** @description The date and time the message was created. */
                                createdAt: string;
                                /** @description The replica unique identifier (UUID) */
                                replicaUUID: string;
                                /**
                                 * @description The role of the message sender.
                                 * @enum {string}
                                 */
                                role: "user" | "assistant";
                                /** @description The name of the message sender, if available. */
                                senderName?: string;
                                /** @description The avatar URL of the message sender, if available. */
                                senderProfileImageURL?: string;
                                /**
                                 * @description The source of the message.
                                 * @enum {string}
                                 */
                                source: "discord" | "telegram" | "embed" | "web" | "telegram_autopilot";
                                /** @description The UUID of the message. */
                                uuid: string;
                            }[];
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/integrations/telegram": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a replica Telegram integration (owner) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Telegram Bot Name */
                        mention: string;
                        /** @description Telegram Bot ID */
                        telegram_token: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: number;
                            /** @description The reason why the operation is accepted instead of returning an immediate success. */
                            message: string;
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /** Delete a replica Telegram integration (owner) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description The reason why the operation is accepted instead of returning an immediate success. */
                            message: string;
                            /** @description Indicates the status of the request */
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/knowledge-base": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List knowledge base entries */
        get: {
            parameters: {
                query?: {
                    hasError?: "true" | "false";
                    page?: number;
                    pageSize?: number;
                    search?: string;
                    sortBy?: "createdAt";
                    sortOrder?: "asc" | "desc";
                    status?: ("NEW" | "FILE_UPLOADED" | "RAW_TEXT" | "PROCESSED_TEXT" | "VECTOR_CREATED" | "READY" | "UNPROCESSABLE")[];
                    type?: ("file" | "text" | "website" | "youtube")[];
                };
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                createdAt: string;
                                error?: {
                                    message?: string;
                                };
                                file?: {
                                    mimeType?: string | null;
                                    name: string;
                                    size?: number | null;
                                };
                                generatedTitle?: string;
                                id: number;
                                language?: string;
                                replicaUUID?: string;
                                status: string;
                                summary?: string;
                                title?: string;
                                type: string;
                                updatedAt: string;
                                url?: string;
                                website?: {
                                    autoRefresh?: boolean;
                                    description?: string;
                                    title?: string;
                                    url: string;
                                };
                                youtube?: {
                                    description?: string;
                                    thumbnailURL?: string;
                                    title?: string;
                                    url: string;
                                };
                            }[];
                            success: boolean;
                            total: number;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        /** Add a knowledge base entry */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        autoRefresh?: boolean;
                        filename?: string;
                        text?: string;
                        title?: string;
                        url?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                enqueued: boolean;
                                error?: string;
                                knowledgeBaseID?: number;
                                /** @description Where to PUT the file, for file entries. */
                                signedURL?: string;
                                type: string;
                            }[];
                            success: boolean;
                        };
                    };
                };
                /** @description Default Response */
                207: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            results: {
                                enqueued: boolean;
                                error?: string;
                                knowledgeBaseID?: number;
                                /** @description Where to PUT the file, for file entries. */
                                signedURL?: string;
                                type: string;
                            }[];
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/replicas/{replicaUUID}/knowledge-base/{knowledgeBaseID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A knowledge base entry */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A positive integer. */
                    knowledgeBaseID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            createdAt: string;
                            error?: {
                                message?: string;
                            };
                            file?: {
                                mimeType?: string | null;
                                name: string;
                                size?: number | null;
                            };
                            generatedFacts?: string[];
                            generatedTitle?: string;
                            id: number;
                            language?: string;
                            rawText?: string;
                            rawTextChunks?: {
                                chunkChars?: number;
                                chunkIndex?: number;
                                chunkTokens?: number;
                                content?: string;
                            }[];
                            replicaUUID?: string;
                            status: string;
                            success: boolean;
                            summary?: string;
                            title?: string;
                            type: string;
                            updatedAt: string;
                            url?: string;
                            website?: {
                                autoRefresh?: boolean;
                                description?: string;
                                title?: string;
                                url: string;
                            };
                            youtube?: {
                                description?: string;
                                thumbnailURL?: string;
                                title?: string;
                                url: string;
                            };
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a knowledge base entry */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A positive integer. */
                    knowledgeBaseID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            success: boolean;
                        };
                    };
                };
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            message: string;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Update a knowledge base entry */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A positive integer. */
                    knowledgeBaseID: string;
                    /** @description A UUID. */
                    replicaUUID: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        error?: {
                            fingerprint?: string;
                            message: string;
                        };
                        file?: {
                            mimeType?: ("application/epub+zip" | "application/json" | "application/msword" | "application/pdf" | "application/rtf" | "application/vnd.ms-excel" | "application/vnd.ms-excel.sheet.binary.macroenabled.12" | "application/vnd.ms-excel.sheet.macroEnabled.12" | "application/vnd.ms-powerpoint" | "application/vnd.oasis.opendocument.spreadsheet" | "application/vnd.openxmlformats-officedocument.presentationml.presentation" | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" | "application/x-sas-data" | "application/x-sas-xport" | "application/x-stata" | "application/x-stata-dta" | "application/yaml" | "audio/aac" | "audio/flac" | "audio/mp3" | "audio/mpeg" | "audio/ogg" | "audio/wav" | "image/bmp" | "image/heic" | "image/heif" | "image/jpeg" | "image/png" | "image/tif" | "image/tiff" | "image/webp" | "text/css" | "text/csv" | "text/html" | "text/javascript" | "text/markdown" | "text/plain" | "text/tab-separated-values" | "text/xml" | "video/avi" | "video/mov" | "video/mp4" | "video/mpeg" | "video/mpg" | "video/quicktime" | "video/webm" | "video/x-matroska" | "video/x-msvideo") | null;
                            name?: string;
                            screenshot?: string;
                            size?: number | null;
                        };
                        generatedFacts?: string[];
                        generatedTitle?: string;
                        /** @enum {string} */
                        language?: "ab" | "aa" | "af" | "ak" | "sq" | "am" | "ar" | "an" | "hy" | "as" | "av" | "ae" | "ay" | "az" | "ba" | "bm" | "eu" | "be" | "bn" | "bh" | "bi" | "bs" | "br" | "bg" | "my" | "ca" | "ch" | "ce" | "ny" | "zh" | "cu" | "cv" | "kw" | "co" | "cr" | "hr" | "cs" | "da" | "dv" | "nl" | "dz" | "en" | "eo" | "et" | "ee" | "fo" | "fj" | "fi" | "fr" | "ff" | "gl" | "ka" | "de" | "el" | "kl" | "gn" | "gu" | "ht" | "ha" | "he" | "hz" | "hi" | "ho" | "hu" | "is" | "io" | "ig" | "id" | "ia" | "ie" | "iu" | "ik" | "ga" | "it" | "ja" | "jv" | "kn" | "kr" | "ks" | "kk" | "km" | "ki" | "rw" | "ky" | "kv" | "kg" | "ko" | "ku" | "kj" | "la" | "lb" | "lg" | "li" | "ln" | "lo" | "lt" | "lu" | "lv" | "gv" | "mk" | "mg" | "ms" | "ml" | "mt" | "mi" | "mr" | "mh" | "mn" | "na" | "nv" | "nd" | "ne" | "ng" | "nb" | "nn" | "no" | "ii" | "nr" | "oc" | "oj" | "om" | "or" | "os" | "pa" | "pi" | "fa" | "pl" | "ps" | "pt" | "qu" | "rm" | "rn" | "ro" | "ru" | "sa" | "sc" | "sd" | "se" | "sm" | "sg" | "sr" | "gd" | "sn" | "si" | "sk" | "sl" | "so" | "st" | "es" | "su" | "sw" | "ss" | "sv" | "ta" | "te" | "tg" | "th" | "ti" | "bo" | "tk" | "tl" | "tn" | "to" | "tr" | "ts" | "tt" | "tw" | "ty" | "ug" | "uk" | "ur" | "uz" | "ve" | "vi" | "vo" | "wa" | "cy" | "wo" | "xh" | "yi" | "yo" | "za" | "zu";
                        rawText?: string;
                        rawTextChunks?: ({
                            chunkChars?: number;
                            chunkIndex?: number;
                            chunkTokens?: number;
                            content?: string;
                        } & {
                            [key: string]: unknown;
                        })[];
                        /**
                         * @description Only `NEW`: reprocess the entry.
                         * @enum {string}
                         */
                        status?: "NEW";
                        summary?: string;
                        title?: string;
                        website?: {
                            autoRefresh?: boolean;
                            description?: string;
                            links?: string[];
                            screenshot?: string;
                            screenshotURL?: string;
                            text?: string;
                            title?: string;
                            /** Format: uri */
                            url?: string;
                        };
                        youtube?: {
                            description?: string;
                            summary?: string;
                            /** Format: uri */
                            thumbnailURL?: string;
                            title?: string;
                            transcription?: string;
                            /** Format: uri */
                            url?: string;
                            visualTranscription?: string;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create your Sensay user, with a name and email (an admin key: any user) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        /** @description Your own user id (an admin key: any). */
                        id?: string;
                        /** @description Admin keys only. */
                        linkedAccounts?: {
                            accountID: string;
                            /** @enum {string} */
                            accountType: "discord" | "telegram" | "embed";
                        }[];
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email?: string;
                            id: string;
                            linkedAccounts?: {
                                accountID: string;
                                accountType: string;
                            }[];
                            name?: string;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userID}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A user by id (your own; an admin key: any) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description A user id. */
                    userID: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email?: string;
                            id: string;
                            linkedAccounts?: {
                                accountID: string;
                                accountType: string;
                            }[];
                            name?: string;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email?: string;
                            id: string;
                            linkedAccounts?: {
                                accountID: string;
                                accountType: string;
                            }[];
                            name?: string;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        /** Update the session user (name, email) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** Format: email */
                        email?: string;
                        /** @description Your own user id (the only accepted value). */
                        id?: string;
                        name?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email?: string;
                            id: string;
                            linkedAccounts?: {
                                accountID: string;
                                accountType: string;
                            }[];
                            name?: string;
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        post?: never;
        /** Delete the session user */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/quota": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's quota tier, its limits, what is used and when each resets (QUOTAS_FILE) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            limits: {
                                [key: string]: number;
                            };
                            resetsAt: {
                                [key: string]: string;
                            };
                            /** @description null without QUOTAS_FILE */
                            tier: string | null;
                            used: {
                                [key: string]: number;
                            };
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/me/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Usage of the session user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            conversations: {
                                currentMonthByReplica: {
                                    [key: string]: number;
                                };
                                currentMonthTotal: number;
                            };
                            knowledgeBaseEntries: {
                                byReplica: {
                                    [key: string]: number;
                                };
                                total: number;
                            };
                            success: boolean;
                        };
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
                /** @description Every error, from the BFF or upstream. */
                504: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["def-0"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * ErrorResponse
         * @description Every error, from the BFF or upstream.
         */
        "def-0": {
            details: {
                field: string;
                in: string;
                message: string;
            }[];
            error: string;
            error_code: string;
            request_id: string;
            status: number;
            /** @enum {boolean} */
            success: false;
            upstream_request_id?: string;
        };
        /**
         * OpenAiError
         * @description Every error on the OpenAI door, in OpenAI's shape.
         */
        "def-1": {
            error: {
                code: string | null;
                message: string;
                param: string | null;
                type: string;
            };
        };
        /** Replica */
        "def-2": {
            /** @description Owner and admins only. */
            distilledKnowledge?: string;
            greeting: string;
            /** @description Owner and admins only. */
            isEveryConversationAccessibleBySupport?: boolean;
            /** @description Owner and admins only. */
            llm?: {
                embeddingModel?: string;
                memoryMode?: string;
                model?: string;
                systemMessage?: string;
                tools?: string[];
            };
            name: string;
            /** @description Owner and admins only. */
            ownerID?: string;
            private?: boolean;
            profileImage?: string;
            purpose?: string;
            shortDescription: string;
            slug: string;
            suggestedQuestions?: string[];
            tags?: string[];
            type?: string;
            /**
             * Format: uuid
             * @description A UUID.
             */
            uuid: string;
            voicePreviewText?: string;
            /** @description Owner and admins only. */
            whitelistEmails?: string[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
