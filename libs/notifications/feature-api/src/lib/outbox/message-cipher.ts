import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, openSealedText, sealText } from '@nss/server-core';

/** Template parameters of a message (a code, an order number…): string values only, as ZNS wants them. */
export type MessageParams = Record<string, string>;

/**
 * Template parameters at rest, sealed (`sealText`: AES-256-GCM) under NOTIFICATIONS_DATA_KEY with the message id as
 * associated data (a ciphertext copied onto another message does not decrypt). The database never holds a code in
 * plaintext; the parameters are erased once no send needs them.
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
    return sealText(this.key, JSON.stringify(params), messageId);
  }

  /** Throws if the text was altered, belongs to another message or was sealed under another key. */
  decrypt(sealed: string, messageId: string): MessageParams {
    return JSON.parse(openSealedText(this.key, sealed, messageId)) as MessageParams;
  }
}
