using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Studio.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewInbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Review",
                table: "Transcripts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedAdded",
                table: "Transcripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedBy",
                table: "Transcripts",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewedIntent",
                table: "Transcripts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReviewedUtc",
                table: "Transcripts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Transcripts_BotId_Review_CreatedUtc",
                table: "Transcripts",
                columns: new[] { "BotId", "Review", "CreatedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Transcripts_BotId_Review_CreatedUtc",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "Review",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "ReviewedAdded",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "ReviewedBy",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "ReviewedIntent",
                table: "Transcripts");

            migrationBuilder.DropColumn(
                name: "ReviewedUtc",
                table: "Transcripts");
        }
    }
}
