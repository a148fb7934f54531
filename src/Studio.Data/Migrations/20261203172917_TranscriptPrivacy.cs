using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Studio.Data.Migrations
{
    /// <inheritdoc />
    public partial class TranscriptPrivacy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transcripts_CreatedUtc",
                table: "Transcripts");

            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiresUtc",
                table: "Transcripts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<long>(
                name: "KeyId",
                table: "Transcripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // Turns stored before kept the installation's retention, 30 days unless it was changed.
            if (migrationBuilder.IsSqlite())
            {
                migrationBuilder.Sql("UPDATE \"Transcripts\" SET \"ExpiresUtc\" = strftime('%Y-%m-%d %H:%M:%f', \"CreatedUtc\", '+30 days');");
            }

            migrationBuilder.CreateIndex(
                name: "IX_Transcripts_BotId_CreatedUtc",
                table: "Transcripts",
                columns: new[] { "BotId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Transcripts_ExpiresUtc",
                table: "Transcripts",
                column: "ExpiresUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transcripts_BotId_CreatedUtc",
                table: "Transcripts");

            migrationBuilder.DropIndex(
                name: "IX_Transcripts_ExpiresUtc",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "ExpiresUtc",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "KeyId",
                table: "Transcripts");

            migrationBuilder.CreateIndex(
                name: "IX_Transcripts_CreatedUtc",
                table: "Transcripts",
                column: "CreatedUtc");
        }
    }
}
