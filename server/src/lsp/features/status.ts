// The `kubeAuditPolicy/status` request: what an editor's status item says about a document.
// The answer comes from the same decisions the diagnostics follow (detection, files globs, the
// effective Kubernetes version), so the status never disagrees with the squiggles.
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
        const doc = context.getDocument(uri);
        if (!doc) return { checkedAs: 'other', kubernetesVersion };
        const detected = detectPolicy(doc.parsed);
        if (detected === 'policy') return { checkedAs: 'policy', kubernetesVersion };
        if (context.isForced(uri)) return { checkedAs: 'files', kubernetesVersion };
        return { checkedAs: detected, kubernetesVersion };
      });
    });
  },
};
