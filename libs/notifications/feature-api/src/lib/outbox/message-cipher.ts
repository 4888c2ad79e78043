import { Inject, Injectable } from '@nestjs/common';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@nss/server-core';

/** Template parameters of a message (a code, an order number…): string values only, as ZNS wants them. */
export type MessageParams = Record<string, string>;

const VERSION = 'v1';

/**
 * Template parameters at rest: AES-256-GCM under NOTIFICATIONS_DATA_KEY, a random 96-bit IV per message, the message
 * id as associated data (a ciphertext copied onto another message does not decrypt). Format: `v1.<iv>.<tag>.<data>`,
 * base64url parts. The database never holds a code in plaintext; the parameters are erased once no send needs them.
 */
@Injectable()
export class MessageCipher {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = config.messaging.dataKey;
  }

  static withKey(key: Buffer): MessageCipher {
    return new MessageCipher({ messaging: { dataKey: key } } as AppConfig);
  }

  encrypt(params: MessageParams, messageId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(messageId));
    const data = Buffer.concat([cipher.update(JSON.stringify(params), 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), data].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  /** Throws if the text was altered, belongs to another message or was sealed under another key. */
  decrypt(sealed: string, messageId: string): MessageParams {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('Unreadable message parameters');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(messageId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(text) as MessageParams;
  }
}
