using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Studio.Data.Migrations
{
    /// <inheritdoc />
    public partial class TrafficSplits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "CostSquares",
                table: "TrafficHours",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "LatencyMsSquares",
                table: "TrafficHours",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<int>(
                name: "SplitPercent",
                table: "BotAliases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SplitVersion",
                table: "BotAliases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "AliasMoves",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CostSquares",
                table: "TrafficHours");

            migrationBuilder.DropColumn(
                name: "LatencyMsSquares",
                table: "TrafficHours");

            migrationBuilder.DropColumn(
                name: "SplitPercent",
                table: "BotAliases");

            migrationBuilder.DropColumn(
                name: "SplitVersion",
                table: "BotAliases");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "AliasMoves");
        }
    }
}
