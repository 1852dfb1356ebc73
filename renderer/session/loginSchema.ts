import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { vaultSchemas } from '../../shared/ipc/vaultSchemas';

/** The lock screen's form rules, loaded after the screen is painted (see LoginScreen). */
export const loginSchema = z.object({ loginId: vaultSchemas.loginId, passphrase: vaultSchemas.passphrase });
export const loginResolver = zodResolver(loginSchema);
