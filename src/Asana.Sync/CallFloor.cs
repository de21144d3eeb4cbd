namespace Asana.Sync;

/// <summary>The §3 lower bound of requests for a full sync of what was read, and the same bound with the terms this engine's contract adds.</summary>
/// <param name="Section3">⌈U/L⌉ + ⌈T/L⌉ + Σ⌈max(m_t,1)/L⌉ + ⌈P/L⌉ + Σ⌈max(S_p,1)/L⌉ + Σ⌈max(N_p,1)/L⌉ + Σ⌈s_k/L⌉ + Σ⌈max(pm_p,1)/L⌉.</param>
/// <param name="WithContractTerms">
/// <paramref name="Section3"/> + 1 (workspace) + ⌈W/L⌉ (workspace memberships) + P (one Events call per project for its
/// sync token) + Σ_active users ⌈max(a_u,1)/L⌉ (assigned tasks, for project-less tasks) + the workspace task search when it
/// was asked: Σ over the four task subtypes ⌈(n_s+1)/L⌉ for the n_s top-level tasks of subtype s it returned (each search
/// names its subtype, since one that names none finds milestones only, and ends on a short page), or 1 when it answered 402
/// + ⌈max(F,1)/L⌉ for the F portfolios listed + Σ_portfolios (⌈max(s_f,1)/L⌉ project settings + ⌈max(m_f,1)/L⌉ members).
/// </param>
public sealed record CallFloor(int Section3, int WithContractTerms);
