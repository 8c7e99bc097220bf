// The `kubeAuditPolicy/status` request: what an editor's status item says about a document.
// The answer comes from the same decisions the diagnostics follow (what the file is or holds, the
// files globs, the effective Kubernetes version), so the status never disagrees with the squiggles.
import { detectPolicy, formatMinor } from '../../service';
import type { LspFeature } from '../context';
import { STATUS_METHOD } from '../protocol';
import type { StatusParams, StatusResult } from '../protocol';
import { runSafe } from '../safe';

export const statusFeature: LspFeature = {
  register(context) {
    context.connection.onRequest(STATUS_METHOD, async (params: StatusParams, token) => {
      await context.settingsLoaded();
      return runSafe(context.connection, 'status', token, (): StatusResult => {
        const uri = params.textDocument.uri;
        const kubernetesVersion = formatMinor(context.settings().service.kubernetesMinor);
        const host = context.getHost(uri);
        if (!host || host.kind === 'none') return { checkedAs: 'other', kubernetesVersion };
        if (host.kind === 'host') return { checkedAs: 'embedded', embedded: host.policies.length, kubernetesVersion };
        const detected = detectPolicy(host.policies[0].doc.parsed);
        if (detected === 'policy') return { checkedAs: 'policy', kubernetesVersion };
        if (host.forced) return { checkedAs: 'files', kubernetesVersion };
        return { checkedAs: detected, kubernetesVersion };
      });
    });
  },
};
