using Lucine.Functions.Storage;

namespace Lucine.Functions.Tickets;

/// <summary>When each ticket next needs a look on its own (SLA warning or breach, automatic close, undelivered effects).</summary>
public sealed class TicketDueIndex(LucineTables tables) : DueIndex(tables.Deadlines, "ticket");
