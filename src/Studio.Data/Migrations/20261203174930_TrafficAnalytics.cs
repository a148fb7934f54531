using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Studio.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrafficAnalytics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Alias",
                table: "Transcripts",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "Cost",
                table: "Transcripts",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "Escalated",
                table: "Transcripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Fallback",
                table: "Transcripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Handoff",
                table: "Transcripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<double>(
                name: "LatencyMs",
                table: "Transcripts",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "OutOfScope",
                table: "Transcripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ServedConversations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    KeyId = table.Column<long>(type: "INTEGER", nullable: false),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TrafficHourId = table.Column<long>(type: "INTEGER", nullable: false),
                    Escaped = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServedConversations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficHours",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HourUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Messages = table.Column<long>(type: "INTEGER", nullable: false),
                    Conversations = table.Column<long>(type: "INTEGER", nullable: false),
                    Contained = table.Column<long>(type: "INTEGER", nullable: false),
                    Fallbacks = table.Column<long>(type: "INTEGER", nullable: false),
                    Handoffs = table.Column<long>(type: "INTEGER", nullable: false),
                    OutOfScope = table.Column<long>(type: "INTEGER", nullable: false),
                    Escalated = table.Column<long>(type: "INTEGER", nullable: false),
                    Positive = table.Column<long>(type: "INTEGER", nullable: false),
                    Negative = table.Column<long>(type: "INTEGER", nullable: false),
                    LatencyMsSum = table.Column<double>(type: "REAL", nullable: false),
                    Latency = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Cost = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficHours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrafficIntentHours",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HourUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Intent = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrafficIntentHours", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServedConversations_BotId_ConversationId_KeyId",
                table: "ServedConversations",
                columns: new[] { "BotId", "ConversationId", "KeyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServedConversations_LastUtc",
                table: "ServedConversations",
                column: "LastUtc");

            migrationBuilder.CreateIndex(
                name: "IX_TrafficHours_BotId_HourUtc_Version_Alias",
                table: "TrafficHours",
                columns: new[] { "BotId", "HourUtc", "Version", "Alias" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TrafficIntentHours_BotId_HourUtc_Version_Alias_Intent",
                table: "TrafficIntentHours",
                columns: new[] { "BotId", "HourUtc", "Version", "Alias", "Intent" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServedConversations");

            migrationBuilder.DropTable(
                name: "TrafficHours");

            migrationBuilder.DropTable(
                name: "TrafficIntentHours");

            migrationBuilder.DropColumn(
                name: "Alias",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "Cost",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "Escalated",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "Fallback",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "Handoff",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "LatencyMs",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "OutOfScope",
                table: "Transcripts");
        }
    }
}
