namespace Asana.Simulator;

/// <summary>Realistic names and notes for generated data.</summary>
internal static class NameBank
{
    public static readonly string[] FirstNames =
    [
        "Greg", "Maria", "Aisha", "Kenji", "Olivia", "Liam", "Sofia", "Noah", "Emma", "Mateo", "Chloe", "Ravi",
        "Hannah", "Lucas", "Mei", "Daniel", "Zara", "Ethan", "Ines", "Omar", "Priya", "Jonas", "Fatima", "Leo",
        "Grace", "Tomas", "Yuki", "Samuel", "Amara", "Felix", "Nina", "Diego", "Elena", "Hugo", "Layla", "Victor",
        "Clara", "Arjun", "Rosa", "Kwame",
    ];

    public static readonly string[] LastNames =
    [
        "Sanchez", "Okafor", "Tanaka", "Schmidt", "Rossi", "Novak", "Dubois", "Kim", "Patel", "Johansson", "Silva",
        "Cohen", "Nguyen", "Martin", "Murphy", "Kowalski", "Haddad", "Larsen", "Moreau", "Brown", "Singh", "Garcia",
        "Walker", "Ivanova", "Costa", "Mensah", "Fischer", "Lopez", "Yamamoto", "Andersson", "Ali", "Meyer",
        "Petrov", "Reyes", "Chen", "Park", "Hughes", "Bauer", "Santos", "Wright",
    ];

    public static readonly string[] GuestDomains = ["agency.example", "contractor.example", "partner.example", "freelance.example"];

    public static readonly string[] TeamNames =
    [
        "Marketing", "Engineering", "Design", "Sales", "Customer Success", "Finance", "People", "Legal", "Operations",
        "Product", "Data", "Security", "IT", "Research", "Partnerships", "Brand", "Growth", "Platform", "Mobile",
        "Support",
    ];

    public static readonly string[] ProjectNames =
    [
        "Launch", "Website Redesign", "Q3 Planning", "Brand Refresh", "Customer Onboarding", "Mobile App", "Hiring",
        "Security Audit", "Partner Program", "Product Roadmap", "Events", "Content Calendar", "Data Platform",
        "Support Playbook", "Office Move", "Annual Budget", "Sales Enablement", "Infrastructure", "Compliance",
        "User Research", "Pricing Update", "Holiday Campaign", "Billing Migration", "Board Meeting", "Internal Tools",
    ];

    public static readonly string[] PortfolioNames =
    [
        "Company Roadmap", "Product Initiatives", "Marketing Programs", "Customer Projects", "Infrastructure Portfolio",
        "Strategic Bets", "Regional Launches", "Operations Excellence",
    ];

    public static readonly string[] SectionNames = ["To do", "In progress", "Review", "Done", "Backlog", "Blocked"];

    public static readonly string[] Verbs =
    [
        "Draft", "Review", "Update", "Finalize", "Plan", "Schedule", "Prepare", "Publish", "Test", "Fix", "Design",
        "Write", "Audit", "Analyze", "Approve", "Share", "Organize", "Migrate", "Document", "Present",
    ];

    public static readonly string[] Objects =
    [
        "launch brief", "Q3 budget", "onboarding checklist", "press release", "landing page copy", "customer survey",
        "pricing page", "release notes", "security review", "hiring plan", "board deck", "vendor contract",
        "sprint backlog", "API documentation", "holiday campaign", "support macros", "data retention policy",
        "roadmap", "style guide", "event logistics", "churn report", "SSO rollout", "invoice template",
        "accessibility fixes", "localization strings", "status page", "offsite agenda", "quarterly OKRs",
    ];

    public static readonly string[] Topics =
    [
        "customer churn", "GDPR compliance", "page load performance", "accessibility", "localization", "pricing",
        "single sign-on", "onboarding", "renewals", "the partner portal", "incident response", "brand voice",
    ];

    public static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "the end of the sprint"];

    public static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    public static string TaskName(Random random) => $"{Pick(random, Verbs)} {Pick(random, Objects)}";

    public static string Notes(Random random, string? person)
    {
        var who = person is null ? "the team" : person;
        return random.Next(4) switch
        {
            0 => $"{Pick(random, Verbs)} the {Pick(random, Objects)} with {who} before {Pick(random, Days)}. Focus on {Pick(random, Topics)}.",
            1 => $"Context: feedback about {Pick(random, Topics)} keeps coming up. {who} owns the next step; see the {Pick(random, Objects)}.",
            2 => $"Blocked on the {Pick(random, Objects)}. Ask {who} about {Pick(random, Topics)} and link the result here.",
            _ => "",
        };
    }
}
