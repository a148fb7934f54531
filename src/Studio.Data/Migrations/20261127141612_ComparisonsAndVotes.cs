using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Studio.Data.Migrations
{
    /// <inheritdoc />
    public partial class ComparisonsAndVotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Comparisons",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BotRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    Suite = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Setups = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Comparisons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Comparisons_BotDrafts_BotId",
                        column: x => x.BotId,
                        principalTable: "BotDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PreferenceVotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Winner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Loser = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PreferenceVotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PreferenceVotes_BotDrafts_BotId",
                        column: x => x.BotId,
                        principalTable: "BotDrafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Comparisons_BotId",
                table: "Comparisons",
                column: "BotId");

            migrationBuilder.CreateIndex(
                name: "IX_PreferenceVotes_BotId",
                table: "PreferenceVotes",
                column: "BotId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Comparisons");

            migrationBuilder.DropTable(
                name: "PreferenceVotes");
        }
    }
}
